#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Writes a compiled module's MAML help from its cmdlets' own metadata and the compiler's XML doc comments.
.DESCRIPTION
    Get-Command on the imported module gives the syntax (one item per parameter set), and for each parameter
    its type, whether it is mandatory, its position, pipeline input, aliases and wildcard support
    ([SupportsWildcards]); the cmdlets' [OutputType] attributes give the outputs and the pipeline-bindable
    parameters' types the inputs. The XML documentation file gives the text: in a cmdlet class's summary
    (member T:<class>) the <para type="synopsis"> and <para type="description"> (or the rest of the summary),
    each <example> (<code> and <para> remarks); in a parameter's summary (member P:<class>.<property>) its
    description, and its default from a <para type="default"> or a <value> element, else from the
    "(default ...)" its description states ("None" without one).
    Related links are the module's other cmdlets and its about_ topic.

    In the parameters section a parameter that belongs to several parameter sets is stated once: required if
    mandatory in any of them, at its smallest position, with every pipeline binding it has; each syntax item
    states it exactly as its parameter set does.

    The module is imported into this session: build.ps1 runs this script in a child pwsh so the build session
    never loads (and locks) the module's dll.
.EXAMPLE
    pwsh -NoProfile -File module/New-ModuleHelp.ps1 -ManifestPath out/MandelPS/MandelPS.psd1 -DocumentationPath src/MandelPS/bin/Release/net8.0/MandelPS.xml -OutputPath out/MandelPS/en-US/MandelPS.dll-Help.xml
#>
[CmdletBinding()]
param(
    # The built module's manifest (.psd1).
    [Parameter(Mandatory)]
    [string] $ManifestPath,

    # The XML documentation file the compiler wrote from the cmdlets' /// comments.
    [Parameter(Mandatory)]
    [string] $DocumentationPath,

    # The MAML file to write (written to a temporary file beside it, then renamed).
    [Parameter(Mandatory)]
    [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$mamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$devNs = 'http://schemas.microsoft.com/maml/dev/2004/10'

# -WhatIf and -Confirm come from SupportsShouldProcess, not from a property with a doc comment.
$shouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Get-RawDocText {
    # The text of one doc-comment node: <see cref="T:A.B"/> reads B, <see langword="x"/> reads x, <paramref name="P"/> reads -P.
    param([System.Xml.XmlNode] $Node)
    if ($Node.NodeType -in 'Text', 'CDATA', 'Whitespace', 'SignificantWhitespace') { return $Node.Value }
    if ($Node.NodeType -ne 'Element') { return '' }
    switch ($Node.LocalName) {
        'see' { if ($Node.HasAttribute('cref')) { (($Node.GetAttribute('cref') -split '\(')[0] -split '[:.]')[-1] } else { $Node.GetAttribute('langword') } }
        'paramref' { '-' + $Node.GetAttribute('name') }
        default { -join @($Node.ChildNodes | ForEach-Object { Get-RawDocText $_ }) }
    }
}

function Format-DocText {
    # The text of doc-comment nodes as one line.
    param([System.Xml.XmlNode[]] $Node)
    ((-join @($Node | ForEach-Object { Get-RawDocText $_ })) -replace '\s+', ' ').Trim()
}

function Get-DocParagraph {
    # Each <para type="$Type"> of a doc element; without -Type, its text outside any <para> or <code>, then each untyped <para>.
    param([System.Xml.XmlElement] $Element, [string] $Type)
    if ($null -eq $Element) { return }
    $paragraphs = if ($Type) {
        $Element.SelectNodes("para[@type='$Type']") | ForEach-Object { Format-DocText $_ }
    }
    else {
        Format-DocText @($Element.ChildNodes | Where-Object { $_.LocalName -notin 'para', 'code' })
        $Element.SelectNodes('para[not(@type)]') | ForEach-Object { Format-DocText $_ }
    }
    $paragraphs | Where-Object { $_ }
}

function Format-Code {
    # An example's <code> as written in the source: blank edges dropped, the common indentation removed.
    param([System.Xml.XmlNode] $Code)
    $lines = $Code.InnerText.Trim("`r", "`n") -split '\r?\n'
    $indent = ($lines | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    (($lines | ForEach-Object { $_.Substring([Math]::Min([int]$indent, $_.Length)).TrimEnd() }) -join "`n").Trim()
}

function Get-ParameterView {
    # How help states a parameter: from one parameter set's entry (a syntax item), or from all of its sets'
    # entries (the parameters section): required if mandatory in any, the smallest position, every binding.
    param([System.Management.Automation.CommandParameterInfo[]] $Entry)
    $positions = @($Entry.Position | Where-Object { $_ -ge 0 } | Sort-Object)
    $bindings = @(
        if ($Entry.ValueFromPipeline -contains $true) { 'ByValue' }
        if ($Entry.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
    )
    [pscustomobject]@{
        Name          = $Entry[0].Name
        Type          = $Entry[0].ParameterType
        Required      = $Entry.IsMandatory -contains $true
        Position      = if ($positions.Count) { [string]$positions[0] } else { 'named' }
        Bindings      = $bindings
        PipelineInput = if ($bindings) { "True ($($bindings -join ', '))" } else { 'False' }
        Aliases       = if ($Entry[0].Aliases.Count) { $Entry[0].Aliases -join ', ' } else { 'none' }
        Globbing      = [bool]($Entry[0].Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    }
}

function Write-Description {
    # <maml:description> with one <maml:para> per paragraph (an empty one when there is none).
    param([string[]] $Paragraph)
    $paragraphs = @($Paragraph | Where-Object { $_ })
    if (-not $paragraphs) { $paragraphs = @('') }
    $writer.WriteStartElement('maml', 'description', $mamlNs)
    foreach ($text in $paragraphs) { $writer.WriteElementString('maml', 'para', $mamlNs, $text) }
    $writer.WriteEndElement()
}

function Write-TypeElement {
    # <dev:type> naming a .NET type by its full name.
    param([string] $Name)
    $writer.WriteStartElement('dev', 'type', $devNs)
    $writer.WriteElementString('maml', 'name', $mamlNs, $Name)
    $writer.WriteElementString('maml', 'uri', $mamlNs, '')
    $writer.WriteEndElement()
}

function Write-Parameter {
    # One <command:parameter>; in a syntax item a switch takes no value and an enum lists its values.
    param([pscustomobject] $View, [hashtable] $Text, [switch] $InSyntax)
    $type = $View.Type
    $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
    $writer.WriteStartElement('command', 'parameter', $commandNs)
    $writer.WriteAttributeString('required', $View.Required.ToString().ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', $type.IsArray.ToString().ToLowerInvariant())
    $writer.WriteAttributeString('globbing', $View.Globbing.ToString().ToLowerInvariant())
    $writer.WriteAttributeString('pipelineInput', $View.PipelineInput)
    $writer.WriteAttributeString('position', $View.Position)
    $writer.WriteAttributeString('aliases', $View.Aliases)
    $writer.WriteElementString('maml', 'name', $mamlNs, $View.Name)
    Write-Description $Text.Description
    $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
    if ($InSyntax -and $element.IsEnum) {
        $writer.WriteStartElement('command', 'parameterValueGroup', $commandNs)
        foreach ($value in [enum]::GetNames($element)) {
            $writer.WriteStartElement('command', 'parameterValue', $commandNs)
            $writer.WriteAttributeString('required', 'false')
            $writer.WriteAttributeString('variableLength', 'false')
            $writer.WriteString($value)
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $isSwitch)) {
        $writer.WriteStartElement('command', 'parameterValue', $commandNs)
        $writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $writer.WriteAttributeString('variableLength', $type.IsArray.ToString().ToLowerInvariant())
        $writer.WriteString($type.Name)
        $writer.WriteEndElement()
    }
    Write-TypeElement $type.FullName
    $writer.WriteElementString('dev', 'defaultValue', $devNs, $Text.Default)
    $writer.WriteEndElement()
}

function Get-ParameterText {
    # A parameter's description and default, from its property's doc comment.
    param([System.Management.Automation.CmdletInfo] $Cmdlet, [string] $Name)
    if ($shouldProcessText.ContainsKey($Name)) { return @{ Description = $shouldProcessText[$Name]; Default = 'False' } }
    $property = $Cmdlet.ImplementingType.GetProperty($Name)
    $member = if ($property) { $members["P:$($property.DeclaringType.FullName).$($property.Name)"] }
    if ($null -eq $member) {
        Write-Warning "$($Cmdlet.Name) -${Name}: no doc comment"
        return @{ Description = @(); Default = 'None' }
    }
    $summary = $member['summary']
    $description = @(Get-DocParagraph $summary)
    $default = @(Get-DocParagraph $summary -Type default) + @($member.SelectNodes('value') | ForEach-Object { Format-DocText $_ }) | Where-Object { $_ }
    # Else the default the description states, "(default 1000)" or "(default: one per core; ...)"; a switch is off.
    $stated = if (($description -join ' ') -match '\(default:? ([^;)]+)') { $Matches[1].Trim() }
    $isSwitch = $property.PropertyType -eq [System.Management.Automation.SwitchParameter]
    @{
        Description = $description
        Default     = if ($default) { @($default)[0] } elseif ($stated) { $stated } elseif ($isSwitch) { 'False' } else { 'None' }
    }
}

function Write-Command {
    # One <command:command>.
    param([System.Management.Automation.CmdletInfo] $Cmdlet, [string[]] $RelatedLink)
    $member = $members["T:$($Cmdlet.ImplementingType.FullName)"]
    if ($null -eq $member) { throw "$($Cmdlet.Name): $($Cmdlet.ImplementingType.FullName) has no doc comment in $DocumentationPath" }
    $summary = $member['summary']
    $description = @(Get-DocParagraph $summary -Type description)
    if (-not $description) { $description = @(Get-DocParagraph $summary) }

    # Parameter sets, the default first; common parameters (-Verbose...) are left to Get-Help's <CommonParameters>.
    $sets = @($Cmdlet.ParameterSets | Sort-Object -Stable { -not $_.IsDefault })
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $entries = [ordered]@{}
    foreach ($set in $sets) {
        foreach ($entry in $set.Parameters | Where-Object Name -NotIn $common) {
            if (-not $entries.Contains($entry.Name)) { $entries[$entry.Name] = [System.Collections.Generic.List[object]]::new() }
            $entries[$entry.Name].Add($entry)
        }
    }
    $text = @{}
    foreach ($name in $entries.Keys) { $text[$name] = Get-ParameterText $Cmdlet $name }

    $writer.WriteStartElement('command', 'command', $commandNs)
    $writer.WriteStartElement('command', 'details', $commandNs)
    $writer.WriteElementString('command', 'name', $commandNs, $Cmdlet.Name)
    $writer.WriteElementString('command', 'verb', $commandNs, $Cmdlet.Verb)
    $writer.WriteElementString('command', 'noun', $commandNs, $Cmdlet.Noun)
    Write-Description (Get-DocParagraph $summary -Type synopsis)
    $writer.WriteEndElement()
    Write-Description $description

    $writer.WriteStartElement('command', 'syntax', $commandNs)
    foreach ($set in $sets) {
        $writer.WriteStartElement('command', 'syntaxItem', $commandNs)
        $writer.WriteElementString('maml', 'name', $mamlNs, $Cmdlet.Name)
        foreach ($entry in $set.Parameters | Where-Object Name -NotIn $common) {
            Write-Parameter (Get-ParameterView $entry) $text[$entry.Name] -InSyntax
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $commandNs)
    $views = foreach ($name in $entries.Keys) { Get-ParameterView $entries[$name].ToArray() }
    foreach ($view in $views) { Write-Parameter $view $text[$view.Name] }
    $writer.WriteEndElement()

    # Inputs: the type of each parameter that binds from the pipeline, with the parameters of that type.
    $inputs = [ordered]@{}
    foreach ($view in $views | Where-Object Bindings) { $inputs[$view.Type.FullName] += @("-$($view.Name) ($($view.Bindings -join ', '))") }
    if (-not $inputs.Count) { $inputs['None'] = @() }
    $writer.WriteStartElement('command', 'inputTypes', $commandNs)
    foreach ($type in $inputs.Keys) {
        $writer.WriteStartElement('command', 'inputType', $commandNs)
        Write-TypeElement $type
        Write-Description ($inputs[$type] -join ', ')
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'returnValues', $commandNs)
    $outputs = @($Cmdlet.OutputType.Name | Select-Object -Unique)
    if (-not $outputs) { $outputs = @('None') }
    foreach ($output in $outputs) {
        $writer.WriteStartElement('command', 'returnValue', $commandNs)
        Write-TypeElement $output
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'examples', $commandNs)
    $number = 0
    foreach ($example in $member.SelectNodes('example')) {
        $number++
        $code = $example['code']
        if ($null -eq $code) { throw "$($Cmdlet.Name): example $number has no <code>" }
        $writer.WriteStartElement('command', 'example', $commandNs)
        $writer.WriteElementString('maml', 'title', $mamlNs, "-------------------------- Example $number --------------------------")
        $writer.WriteElementString('dev', 'code', $devNs, (Format-Code $code))
        $writer.WriteStartElement('dev', 'remarks', $devNs)
        foreach ($remark in Get-DocParagraph $example) { $writer.WriteElementString('maml', 'para', $mamlNs, $remark) }
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('maml', 'relatedLinks', $mamlNs)
    foreach ($link in $RelatedLink | Where-Object { $_ -ne $Cmdlet.Name }) {
        $writer.WriteStartElement('maml', 'navigationLink', $mamlNs)
        $writer.WriteElementString('maml', 'linkText', $mamlNs, $link)
        $writer.WriteElementString('maml', 'uri', $mamlNs, '')
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteEndElement()
}

$documentation = [System.Xml.XmlDocument]::new()
$documentation.PreserveWhitespace = $true
$documentation.Load((Convert-Path -LiteralPath $DocumentationPath))
$members = @{}
foreach ($member in $documentation.SelectNodes('/doc/members/member')) { $members[$member.GetAttribute('name')] = $member }

$module = Import-Module (Convert-Path -LiteralPath $ManifestPath) -PassThru -Force
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
$relatedLinks = @($cmdlets.Name)
if (Test-Path (Join-Path $module.ModuleBase "en-US/about_$($module.Name).help.txt")) { $relatedLinks += "about_$($module.Name)" }

$output = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($OutputPath)
$null = New-Item -ItemType Directory -Path ([System.IO.Path]::GetDirectoryName($output)) -Force
$temporary = "$output.$([System.IO.Path]::GetRandomFileName()).tmp"
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
try {
    $writer = [System.Xml.XmlWriter]::Create($temporary, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        $writer.WriteAttributeString('xmlns', 'maml', $null, $mamlNs)
        $writer.WriteAttributeString('xmlns', 'command', $null, $commandNs)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $devNs)
        foreach ($cmdlet in $cmdlets) { Write-Command $cmdlet $relatedLinks }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
    [System.IO.File]::Move($temporary, $output, $true)
}
finally {
    if (Test-Path -LiteralPath $temporary) { Remove-Item -LiteralPath $temporary }
}
Write-Verbose "Help for $($cmdlets.Count) cmdlets written to $output"

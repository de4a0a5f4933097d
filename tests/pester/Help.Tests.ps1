#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The help that build.ps1 generates (module/New-ModuleHelp.ps1) agrees with the cmdlets as Get-Command sees them.
# Runs against the assembled module (./build.ps1 Build puts it in out/MandelPS).
#
# Each syntax item must state its parameter set exactly (mandatory, position, pipeline input). The parameters
# section states a parameter once for all of its sets, so there it is required if mandatory in any set, at its
# smallest position (named if none), with every pipeline binding it has in any set.

BeforeDiscovery {
    $module = Import-Module (Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1') -Force -PassThru
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $cmdletNames = @($module.ExportedCmdlets.Keys | Sort-Object)

    $cmdlets = foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
        $parameterSets = foreach ($set in $command.ParameterSets) {
            @{
                SetName = $set.Name
                Entries = @(foreach ($entry in $set.Parameters | Where-Object Name -NotIn $common) {
                        @{
                            Parameter = $entry.Name
                            TypeName  = $entry.ParameterType.FullName
                            Required  = $entry.IsMandatory.ToString().ToLowerInvariant()
                            Position  = if ($entry.Position -ge 0) { [string]$entry.Position } else { 'named' }
                            Bindings  = @(if ($entry.ValueFromPipeline) { 'ByValue' }; if ($entry.ValueFromPipelineByPropertyName) { 'ByPropertyName' }) -join ', '
                            Aliases   = @($entry.Aliases | Sort-Object) -join ', '
                            Wildcards = [bool]($entry.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                        }
                    })
            }
        }
        # From ParameterMetadata (not the parameter sets above): the union over a parameter's sets.
        $parameters = foreach ($metadata in $command.Parameters.Values | Where-Object Name -NotIn $common) {
            $inSets = @($metadata.ParameterSets.Values)
            $positions = @($inSets.Position | Where-Object { $_ -ge 0 } | Sort-Object)
            @{
                Parameter = $metadata.Name
                TypeName  = $metadata.ParameterType.FullName
                Required  = ($inSets.IsMandatory -contains $true).ToString().ToLowerInvariant()
                Position  = if ($positions.Count) { [string]$positions[0] } else { 'named' }
                Bindings  = @(
                    if ($inSets.ValueFromPipeline -contains $true) { 'ByValue' }
                    if ($inSets.ValueFromPipelineByPropertyName -contains $true) { 'ByPropertyName' }
                ) -join ', '
                Aliases   = @($metadata.Aliases | Sort-Object) -join ', '
                Wildcards = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            }
        }
        $inputs = @($parameters | Where-Object Bindings | ForEach-Object TypeName | Select-Object -Unique)
        $examples = @((Get-Help $command.Name).examples.example | Where-Object { $_ })
        @{
            Command       = $command.Name
            ParameterSets = @($parameterSets)
            Parameters    = @($parameters)
            Inputs        = if ($inputs) { @($inputs | Sort-Object) -join ', ' } else { 'None' }
            Outputs       = @($command.OutputType.Name | Select-Object -Unique | Sort-Object) -join ', '
            Links         = @(@($cmdletNames | Where-Object { $_ -ne $command.Name }) + "about_$($module.Name)" | Sort-Object) -join ', '
            Examples      = @(for ($i = 0; $i -lt $examples.Count; $i++) { @{ Number = $i + 1; Code = [string]$examples[$i].code } })
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1')

    # "True (ByValue, ByPropertyName)" -> "ByValue, ByPropertyName"; "False" -> "".
    function ConvertFrom-PipelineInput([string] $Text) {
        if ($Text -match '^True \((.+)\)$') { $Matches[1] } else { '' }
    }

    # "PSPath, LP" -> "LP, PSPath"; "none" -> "".
    function ConvertFrom-HelpAliases([string] $Text) {
        @($Text -split ',\s*' | Where-Object { $_ -and $_ -ne 'none' } | Sort-Object) -join ', '
    }
}

AfterAll {
    Remove-Module MandelPS -ErrorAction SilentlyContinue
}

Describe 'Get-Help <Command>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Command -Full
    }

    It 'comes from the generated MAML help' {
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
    }

    It 'has a description' {
        $help.description.Text -join '' | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example' {
        @($help.examples.example | Where-Object { $_ }).Count | Should -BeGreaterThan 0
    }

    It 'example <Number> parses and is explained: <Code>' -ForEach $Examples {
        $example = @($help.examples.example)[$Number - 1]
        $tokens = $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($example.code, [ref] $tokens, [ref] $errors)
        $errors.Message | Should -BeNullOrEmpty
        $example.remarks.Text -join '' | Should -Not -BeNullOrEmpty
    }

    It 'has one syntax item per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be $ParameterSets.Count
    }

    It 'states parameter set <SetName> in a syntax item as Get-Command does' -ForEach $ParameterSets {
        $names = @($Entries.Parameter | Sort-Object) -join ', '
        $items = @($help.syntax.syntaxItem | Where-Object { (@($_.parameter.name | Sort-Object) -join ', ') -eq $names })
        $items.Count | Should -Be 1 -Because "exactly one syntax item should list the parameters of set $SetName ($names)"
        foreach ($entry in $Entries) {
            $stated = $items[0].parameter | Where-Object name -EQ $entry.Parameter
            $stated.required | Should -Be $entry.Required -Because "-$($entry.Parameter) is mandatory=$($entry.Required) in set $SetName"
            $stated.position | Should -Be $entry.Position -Because "of -$($entry.Parameter)'s position in set $SetName"
            ConvertFrom-PipelineInput $stated.pipelineInput | Should -Be $entry.Bindings -Because "of -$($entry.Parameter)'s pipeline input in set $SetName"
            $stated.type.name | Should -Be $entry.TypeName -Because "of -$($entry.Parameter)'s type in set $SetName"
            ConvertFrom-HelpAliases $stated.aliases | Should -Be $entry.Aliases -Because "of -$($entry.Parameter)'s aliases in set $SetName"
            $stated.globbing | Should -Be $entry.Wildcards.ToString().ToLowerInvariant() -Because "-$($entry.Parameter) [SupportsWildcards]: $($entry.Wildcards)"
        }
    }

    It 'documents no parameter the cmdlet lacks' {
        @($help.parameters.parameter.name | Where-Object { $_ -notin $Parameters.Parameter }) | Should -BeNullOrEmpty
    }

    It 'documents -<Parameter> as Get-Command declares it' -ForEach $Parameters {
        $documented = @($help.parameters.parameter | Where-Object name -EQ $Parameter)
        $documented.Count | Should -Be 1 -Because "-$Parameter should be in the parameters section once"
        $documented = $documented[0]
        $documented.description.Text -join '' | Should -Not -BeNullOrEmpty -Because "-$Parameter should have a description"
        $documented.type.name | Should -Be $TypeName -Because "of -${Parameter}'s type"
        $documented.required | Should -Be $Required -Because "-$Parameter is mandatory in some parameter set: $Required"
        $documented.position | Should -Be $Position -Because "of -${Parameter}'s smallest position"
        ConvertFrom-PipelineInput $documented.pipelineInput | Should -Be $Bindings -Because "of -${Parameter}'s pipeline input"
        ConvertFrom-HelpAliases $documented.aliases | Should -Be $Aliases -Because "of -${Parameter}'s aliases"
        $documented.globbing | Should -Be $Wildcards.ToString().ToLowerInvariant() -Because "-$Parameter [SupportsWildcards]: $Wildcards"
    }

    It 'names the pipeline-bindable parameter types as inputs: <Inputs>' {
        @($help.inputTypes.inputType.type.name | Sort-Object) -join ', ' | Should -Be $Inputs
    }

    It 'names the [OutputType] types as outputs: <Outputs>' {
        @($help.returnValues.returnValue.type.name | Sort-Object) -join ', ' | Should -Be $Outputs
    }

    It 'links to the other cmdlets and the about topic' {
        @($help.relatedLinks.navigationLink.linkText | Sort-Object) -join ', ' | Should -Be $Links
    }
}

Describe 'Get-Help about_MandelPS' {
    It 'finds the conceptual help' {
        Get-Help about_MandelPS | Out-String | Should -Match 'about_MandelPS'
    }
}

#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Runs Pester test files with Pester imported by path and writes their counts for build.ps1.
.DESCRIPTION
    build.ps1 Test starts this in a child pwsh, so the session that built the module never loads (and
    locks) out/MandelPS/MandelPS.dll. Writes pester.json (counts) and pester.xml (NUnit results) to
    -OutputDirectory. Exit code: 0 when the run passed, 1 otherwise.
.EXAMPLE
    pwsh -NoProfile -File tests/pester/Invoke-PesterSuite.ps1 -PesterPath <...>/Pester.psd1 -OutputDirectory out/TestResults tests/pester/MandelPS.Tests.ps1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $PesterPath,

    [Parameter(Mandatory)]
    [string] $OutputDirectory,

    # Run the tests in this culture (e.g. de-DE, where ',' is the decimal separator); the results files get it as a suffix.
    [string] $Culture = '',

    [Parameter(Mandatory, ValueFromRemainingArguments)]
    [string[]] $Path
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath
$suffix = ''
if ($Culture) {
    [System.Globalization.CultureInfo]::CurrentCulture = $Culture
    [System.Globalization.CultureInfo]::CurrentUICulture = $Culture
    $suffix = "-$Culture"
}

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = Join-Path $OutputDirectory "pester$suffix.xml"
# The tests see pwsh's default error preference, as under a plain Invoke-Pester, not this script's Stop.
$result = & { $ErrorActionPreference = 'Continue'; Invoke-Pester -Configuration $configuration }

# Run.Exit's exit code is the failure count (256 failures exit 0): decide from the result object instead.
# A file that could not run (syntax error, failed #Requires) counts as one failure; anything neither
# passed nor failed (skipped, inconclusive, not run) counts as skipped.
$failed = $result.FailedCount + $result.FailedContainersCount
[ordered]@{
    Passed  = $result.PassedCount
    Failed  = $failed
    Skipped = $result.TotalCount - $result.PassedCount - $result.FailedCount
    Result  = $result.Result
} | ConvertTo-Json | Set-Content (Join-Path $OutputDirectory "pester$suffix.json")

if ($result.Result -ne 'Passed') { exit 1 }

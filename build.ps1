#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and cleans MandelPS.
.DESCRIPTION
    Build: compiles in Release and assembles out/MandelPS/ (manifest, dlls, format file, help); the cmdlet help
           is generated from the built cmdlets and their XML doc comments by module/New-ModuleHelp.ps1.
    Test:  Build, then the .NET tests (dotnet test), then every Pester suite (tests/pester/*.Tests.ps1,
           examples/*.Tests.ps1) in a child pwsh so the module's dll is never locked in this session.
           Pester 5 is restored from NuGet through tests/pester/Pester.proj and imported by path.
           Writes out/TestResults/ (*.trx, pester.xml, summary.json) and ends with one line
           "N passed, N failed, N skipped" over both; exits 1 if anything failed or nothing ran.
    Package: Build, then out/packages/MandelPS.<version>.nupkg (the module, published through a temporary
           local PSResourceGet repository), and `mandelps` as a .NET tool for this machine's platform, precompiled:
           out/packages/MandelPS.Cli.<platform>.<version>.nupkg and MandelPS.Cli.<version>.nupkg, which names it.
    Clean: removes out/ and every bin/obj folder.
    Runs under any pwsh 7.4+, including the repository's .NET tool (dotnet tool restore; dotnet pwsh -File build.ps1 Test).
.EXAMPLE
    ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/MandelPS'
$testResults = Join-Path $root 'out/TestResults'

# This session's own executable: pwsh itself, or dotnet when it runs as a .NET tool (`dotnet pwsh`).
$self = (Get-Process -Id $PID).Path
$selfIsDotnet = [System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet'

function Resolve-Dotnet {
    if ($selfIsDotnet) { return $self }
    (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
}

function Resolve-PesterModule {
    # Restores tests/pester/Pester.proj (a PackageDownload of Pester) and returns the module's manifest path.
    $project = Join-Path $root 'tests/pester/Pester.proj'
    & $dotnet restore $project --verbosity quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "restoring Pester ($project) failed with exit code $LASTEXITCODE" }
    $properties = (& $dotnet msbuild $project -getProperty:NuGetPackageRoot -getProperty:PesterVersion | ConvertFrom-Json).Properties
    $manifest = Join-Path $properties.NuGetPackageRoot "pester/$($properties.PesterVersion)/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester was restored but $manifest is missing" }
    $manifest
}

function Get-TrxCount {
    # Sums the counters of every .trx file (one per test assembly) in $Directory.
    param([string] $Directory)
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem -LiteralPath $Directory -Filter *.trx) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        $counts.Passed += [int]$counters.passed
        $counts.Failed += $failed
        # Anything neither passed nor failed (skipped, inconclusive, not run) counts as skipped.
        $counts.Skipped += [int]$counters.total - [int]$counters.passed - $failed
    }
    $counts
}

function Invoke-Build {
    & $dotnet build (Join-Path $root 'src/MandelPS/MandelPS.csproj') -c $Configuration --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE" }

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $moduleOut | Out-Null
    $bin = Join-Path $root "src/MandelPS/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $bin '*.dll') $moduleOut
    # The CLI beside the engine, runnable with `dotnet MandelPS.Cli.dll`: the MultiProcess kernel's child processes.
    Copy-Item (Join-Path $bin 'MandelPS.Cli.runtimeconfig.json'), (Join-Path $bin 'MandelPS.Cli.deps.json') $moduleOut
    Copy-Item (Join-Path $root 'MandelPS.psd1') $moduleOut
    New-Item -ItemType Directory -Path (Join-Path $moduleOut 'module') -Force | Out-Null
    Copy-Item (Join-Path $root 'module/MandelPS.format.ps1xml') (Join-Path $moduleOut 'module')
    Copy-Item (Join-Path $root 'module/en-US') $moduleOut -Recurse
    # The Pester Should operators a test file dot-sources (module/MandelPS.Pester.ps1).
    Copy-Item (Join-Path $root 'module/MandelPS.Pester.ps1') $moduleOut
    # The cmdlet help (MAML) is generated from the built cmdlets and their XML doc comments, in a child pwsh
    # (the same one as this session, as in the Test task) so this session never loads the module's dll.
    [string[]] $pwshArguments = if ($selfIsDotnet) { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
    & $self @pwshArguments -NoProfile -NonInteractive -File (Join-Path $root 'module/New-ModuleHelp.ps1') `
        -ManifestPath (Join-Path $moduleOut 'MandelPS.psd1') -DocumentationPath (Join-Path $bin 'MandelPS.xml') `
        -OutputPath (Join-Path $moduleOut 'en-US/MandelPS.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw "generating the help (module/New-ModuleHelp.ps1) failed with exit code $LASTEXITCODE" }
    if (Test-Path (Join-Path $moduleOut 'System.Management.Automation.dll')) {
        throw 'System.Management.Automation.dll must not ship in the module: pwsh provides it.'
    }
    Write-Host "Module assembled in $moduleOut"
}

function Invoke-Test {
    Invoke-Build
    $pester = Resolve-PesterModule
    if (Test-Path $testResults) { Remove-Item $testResults -Recurse -Force }
    New-Item -ItemType Directory -Path $testResults | Out-Null

    # pocl caches built OpenCL programs; the tests keep theirs in out/ rather than the user's ~/.cache.
    $env:POCL_CACHE_DIR = Join-Path $root 'out/pocl-cache'
    & $dotnet test (Join-Path $root 'MandelPS.slnx') -c $Configuration --nologo --logger trx --results-directory $testResults
    $dotnetExit = $LASTEXITCODE
    $dotnetCounts = Get-TrxCount $testResults

    # A child pwsh (the same one as this session) loads the module, so this session never locks its dll.
    [string[]] $pwshArguments = if ($selfIsDotnet) { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
    $suites = Get-ChildItem (Join-Path $root 'tests/pester'), (Join-Path $root 'examples') -Filter *.Tests.ps1
    # Every suite in the machine's culture, and the cmdlet suite once more under de-DE, where ',' is the
    # decimal separator (Export-Csv and ToString follow it; saved results and settings must not).
    $runs = @(
        @{ Culture = ''; Files = $suites.FullName },
        @{ Culture = 'de-DE'; Files = @(Join-Path $root 'tests/pester/MandelPS.Tests.ps1') }
    )
    $pesterCounts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $pesterExit = 0
    $noColor = $env:NO_COLOR
    try {
        $env:NO_COLOR = '1'
        foreach ($run in $runs) {
            & $self @pwshArguments -NoProfile -NonInteractive -File (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1') `
                -PesterPath $pester -OutputDirectory $testResults -Culture $run.Culture $run.Files
            if ($LASTEXITCODE -ne 0) { $pesterExit = $LASTEXITCODE }
            $pesterJson = Join-Path $testResults "pester$(if ($run.Culture) { "-$($run.Culture)" }).json"
            if (Test-Path $pesterJson) {
                $json = Get-Content $pesterJson -Raw | ConvertFrom-Json
                foreach ($key in 'Passed', 'Failed', 'Skipped') { $pesterCounts[$key] += $json.$key }
            }
        }
    }
    finally {
        $env:NO_COLOR = $noColor
    }

    # A suite that failed without a failing test (build error, crashed test host, failing AfterAll) counts one failure.
    if ($dotnetExit -ne 0 -and $dotnetCounts.Failed -eq 0) {
        Write-Warning "dotnet test exited with code $dotnetExit without a failing test: counted as one failure."
        $dotnetCounts.Failed = 1
    }
    if ($pesterExit -ne 0 -and $pesterCounts.Failed -eq 0) {
        Write-Warning "The Pester run exited with code $pesterExit without a failing test: counted as one failure."
        $pesterCounts.Failed = 1
    }

    $total = [ordered]@{}
    foreach ($key in 'Passed', 'Failed', 'Skipped') { $total[$key] = $dotnetCounts[$key] + $pesterCounts[$key] }
    [ordered]@{ DotNet = $dotnetCounts; Pester = $pesterCounts; Total = $total } |
        ConvertTo-Json | Set-Content (Join-Path $testResults 'summary.json')

    if ($total.Passed + $total.Failed -eq 0) { Write-Warning 'No test ran.' }
    Write-Host "$($total.Passed) passed, $($total.Failed) failed, $($total.Skipped) skipped"
    if ($total.Failed -gt 0 -or $total.Passed -eq 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    $packages = Join-Path $root 'out/packages'
    New-Item -ItemType Directory -Path $packages -Force | Out-Null
    $repository = "MandelPS-build-$PID"
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }

    # The tool for this machine's platform, precompiled: MandelPS.Cli (which names it) and MandelPS.Cli.<platform>.
    & $dotnet pack (Join-Path $root 'src/MandelPS.Cli/MandelPS.Cli.csproj') -c $Configuration --nologo -o $packages -p:ToolForThisPlatform=true
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack failed with exit code $LASTEXITCODE" }
    Get-ChildItem $packages -Filter *.nupkg | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-Clean {
    Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
    Get-ChildItem $root -Include bin, obj -Directory -Recurse | Remove-Item -Recurse -Force
}

if ($Task -ne 'Clean') { $dotnet = Resolve-Dotnet }
switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}

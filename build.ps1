#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and cleans MandelPS.
.DESCRIPTION
    Build: compiles in Release and assembles out/MandelPS/ (manifest, dlls, format file, help).
    Test:  Build, then the .NET tests (dotnet test), then the Pester suite in a child pwsh so the
           module's dll is never locked in this session.
    Clean: removes out/ and every bin/obj folder.
.EXAMPLE
    ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/MandelPS'

function Invoke-Build {
    dotnet build (Join-Path $root 'src/MandelPS/MandelPS.csproj') -c $Configuration --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE" }

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    New-Item -ItemType Directory -Path $moduleOut | Out-Null
    $bin = Join-Path $root "src/MandelPS/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $bin '*.dll') $moduleOut
    Copy-Item (Join-Path $root 'MandelPS.psd1') $moduleOut
    Copy-Item (Join-Path $root 'module/MandelPS.format.ps1xml') $moduleOut
    Copy-Item (Join-Path $root 'module/en-US') $moduleOut -Recurse
    if (Test-Path (Join-Path $moduleOut 'System.Management.Automation.dll')) {
        throw 'System.Management.Automation.dll must not ship in the module: pwsh provides it.'
    }
    Write-Host "Module assembled in $moduleOut"
}

function Invoke-Test {
    Invoke-Build
    dotnet test (Join-Path $root 'MandelPS.slnx') -c $Configuration --nologo
    if ($LASTEXITCODE -ne 0) { throw "dotnet test failed with exit code $LASTEXITCODE" }

    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge ([version]'5.0'))) {
        Write-Warning 'Pester 5 is not installed (Install-Module Pester -MinimumVersion 5.0): the Pester suite is skipped.'
        return
    }

    # A child pwsh loads the module, so this session never locks out/MandelPS/MandelPS.dll.
    $script = "Import-Module Pester -MinimumVersion 5.0; `$c = New-PesterConfiguration; `$c.Run.Path = '$root/tests/pester'; `$c.Run.Exit = `$true; `$c.Output.Verbosity = 'Detailed'; Invoke-Pester -Configuration `$c"
    pwsh -NoProfile -Command $script
    if ($LASTEXITCODE -ne 0) { throw "Pester failed with exit code $LASTEXITCODE" }
}

function Invoke-Clean {
    Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction SilentlyContinue
    Get-ChildItem $root -Include bin, obj -Directory -Recurse | Remove-Item -Recurse -Force
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Clean' { Invoke-Clean }
}

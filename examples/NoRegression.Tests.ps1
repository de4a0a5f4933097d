#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A Pester gate for CI on a shared machine: this build against a baseline build, measured now and alternately.
#
#   $env:MANDELPS_BASELINE_BUILD = '../main-build'    # another MandelPS build: its MandelPS.Cli.dll, that folder, or a module folder
#   Invoke-Pester examples/NoRegression.Tests.ps1
#
# Each kernel runs in a worker process of each build, their samples alternating round by round in an order
# shuffled from a seed, so the drift of a shared machine between minutes (10-15% here) hits both builds
# alike; both plan the same request and their counts must agree. A row fails on a Slower verdict (slower by
# more than -Threshold, significantly), a failed check or disagreeing counts, and on Inconclusive unless
# allowed. On this 2-core VM the unchanged build passed 20 of 20 separate runs at 5% and a 13% slowdown was
# caught 20 of 20 times (benchmarks/gate-reliability.sh). Without a baseline build the verdict test is
# skipped and only the mechanics are checked against this build itself.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')
    . (Join-Path (Get-Module MandelPS).ModuleBase 'MandelPS.Pester.ps1')
    $problem = @{ Kernel = 'Expanded', 'Simd'; Width = 200; Height = 150; MaxIterations = 300 }
}

Describe 'Kernel performance against the baseline build' {
    It 'is no slower than the baseline build, beyond 5% and noise' {
        if (-not $env:MANDELPS_BASELINE_BUILD) {
            Set-ItResult -Skipped -Because 'MANDELPS_BASELINE_BUILD names no baseline build'
            return
        }

        Compare-Kernel @problem -BaselineBuild $env:MANDELPS_BASELINE_BUILD -Threshold 0.05 | Should -NotBeSlowerThan
    }

    It 'runs each kernel in both builds, with the same counts, and says which builds they were' {
        $rows = Compare-Kernel @problem -BaselineBuild (Get-Module MandelPS).ModuleBase -WarningAction SilentlyContinue
        $rows.Kernel | Should -Be 'Expanded', 'Simd'
        $rows.Method | Should -Be 'Builds', 'Builds'
        $rows.IsExact | Should -Be $true, $true -Because 'both builds must compute the same counts'
        $rows[0].BaselineBuild | Should -Be $rows[0].CandidateBuild -Because 'this build was compared with itself'
    }
}

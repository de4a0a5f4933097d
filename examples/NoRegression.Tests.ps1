#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A Pester gate for CI: "no kernel is slower than the saved baseline beyond noise".
# Record a baseline once (on the CI machine):
#   Measure-Kernel -All -Width 500 -Height 500 | Export-Csv ./baseline.csv
# Then every build runs:  Invoke-Pester ./examples/NoRegression.Tests.ps1
# A row is a regression only when a one-sided Mann-Whitney U test on the run times finds it slower by
# more than -Threshold (5%) at alpha 0.05 - a noisy 2% wobble is "Same" and does not fail the build.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')
    $baselinePath = Join-Path $PSScriptRoot 'baseline.csv'
}

Describe 'Kernel performance' {
    It 'has a saved baseline' {
        Test-Path $baselinePath | Should -BeTrue -Because 'record one with: Measure-Kernel -All -Width 500 -Height 500 | Export-Csv baseline.csv'
    }

    It 'is not slower than the baseline beyond noise' -Skip:(-not (Test-Path $baselinePath)) {
        $baseline = Import-Csv $baselinePath
        $now = $baseline | Measure-Kernel
        $regressions = Compare-Kernel -ReferenceObject $baseline -DifferenceObject $now -Threshold 0.05 |
            Where-Object IsRegression
        $regressions | Should -BeNullOrEmpty -Because ($regressions | Format-Table Kernel, Speedup, Verdict, PValue | Out-String)
    }
}

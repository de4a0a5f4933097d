#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# A Pester gate for CI: "no kernel is slower than the baseline beyond noise".
# In a real pipeline the baseline is the main branch's saved set (Measure-Kernel ... | Export-Csv baseline.csv);
# here it is recorded in the same run, so the gate runs everywhere and fails only on a real regression.
# A row fails when a one-sided Mann-Whitney U test finds it slower by more than -Threshold (5%) at alpha 0.05,
# when it is missing or failed its check, or when too few runs make the verdict Inconclusive.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')
    $problem = @{ Kernel = 'Expanded', 'Simd'; Width = 64; Height = 48; MaxIterations = 200; Runs = 8; Warmup = 1 }
    $baselinePath = Join-Path $TestDrive 'baseline.csv'
    Measure-Kernel @problem | Export-Csv $baselinePath
}

Describe 'Kernel performance' {
    It 'is not slower than the baseline beyond noise' {
        $baseline = Import-Csv $baselinePath
        $now = Measure-Kernel @problem
        { Compare-Kernel -ReferenceObject $baseline -DifferenceObject $now -Threshold 0.25 -FailOnRegression } | Should -Not -Throw
    }

    It 'fails closed when the new run lacks a kernel the baseline had' {
        $baseline = Import-Csv $baselinePath
        $now = Measure-Kernel -Kernel Simd -Width 64 -Height 48 -MaxIterations 200 -Runs 8 -Warmup 1
        { Compare-Kernel -ReferenceObject $baseline -DifferenceObject $now -FailOnRegression -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'FailedCheck,MandelPS.Commands.CompareKernelCommand'
    }
}

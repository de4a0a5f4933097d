# Should operators for performance gates in Pester 5, from the MandelPS module. Load them once per test
# file, after Import-Module MandelPS and Pester:
#
#   BeforeAll { . (Join-Path (Get-Module MandelPS).ModuleBase 'MandelPS.Pester.ps1') }
#
#   $now | Should -NotBeSlowerThan $baseline -Threshold 0.05      # measurements against saved ones
#   Compare-Kernel -Kernel Simd -BaselineBuild $base | Should -NotBeSlowerThan   # builds compared alternately
#   $now | Should -BeFasterThan $baseline
#
# The actual value is Measure-Kernel rows (compared row by row with the expected rows of the same request,
# as Compare-Kernel -ReferenceObject does) or Compare-Kernel rows (judged as they are). A failure names
# each kernel, its speedup and the speedup's interval, and the verdict's reason.

$judge = {
    param($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, [double] $Threshold, [string] $Clock, [switch] $AllowInconclusive, [string[]] $Passing, [string] $Wanted)

    $actual = @($ActualValue)
    $rows = if ($actual.Count -gt 0 -and $actual[0] -is [MandelPS.Engine.Comparison.KernelComparison]) {
        $actual
    }
    elseif ($null -eq $ExpectedValue) {
        throw "Should -${Wanted}: give the baseline rows to compare with (Measure-Kernel rows, or Import-KernelResult of saved ones), or pipe Compare-Kernel rows."
    }
    else {
        $options = @{ ReferenceObject = @($ExpectedValue); DifferenceObject = $actual; WarningAction = 'SilentlyContinue' }
        if ($Threshold -gt 0) { $options.Threshold = $Threshold }
        if ($Clock) { $options.Clock = $Clock }
        Compare-Kernel @options
    }

    $allowed = $Passing + @(if ($AllowInconclusive) { 'Inconclusive' })
    $failing = @($rows | Where-Object { $_.Status -ne 'Ok' -or $_.Verdict -notin $allowed })
    $succeeded = $rows.Count -gt 0 -and $failing.Count -eq 0
    if ($Negate) { $succeeded = -not $succeeded }
    $because = if ($Because) { " because $Because" } else { '' }
    $what = if ($rows.Count -eq 0) { 'nothing could be compared' }
    else {
        ($(if ($failing.Count -gt 0 -and -not $Negate) { $failing } else { $rows }) | ForEach-Object {
                # Invariant digits: a CI log reads the same on every machine.
                [string]::Format([cultureinfo]::InvariantCulture, '{0}: speedup {1:0.###} [{2:0.###}-{3:0.###}] by the {4} clock, {5}{6}',
                    $_.Describe(), $_.Speedup, $_.SpeedupCiLower, $_.SpeedupCiUpper, $_.Clock, $_.Verdict,
                    $(if ($_.VerdictReason) { " ($($_.VerdictReason))" } elseif ($_.Status -ne 'Ok') { " (status $($_.Status))" }))
            }) -join '; '
    }
    [pscustomobject]@{
        Succeeded      = $succeeded
        FailureMessage = "Expected every kernel $(if ($Negate) { 'not ' })to $Wanted the baseline$because, but $what."
    }
}

# Each operator closes over $judge, so it works wherever Should runs, not only in the scope that loaded it.
Add-ShouldOperator -Name NotBeSlowerThan -SupportsArrayInput -Test ({
        param($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, [double] $Threshold, [string] $Clock, [switch] $AllowInconclusive)
        & $judge @PSBoundParameters -Passing 'Same', 'Faster' -Wanted 'be no slower than'
    }.GetNewClosure())

Add-ShouldOperator -Name BeFasterThan -SupportsArrayInput -Test ({
        param($ActualValue, $ExpectedValue, [switch] $Negate, [string] $Because, [double] $Threshold, [string] $Clock, [switch] $AllowInconclusive)
        & $judge @PSBoundParameters -Passing 'Faster' -Wanted 'be faster than'
    }.GetNewClosure())

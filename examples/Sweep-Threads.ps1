#!/usr/bin/env pwsh
# Parallel scaling: time and parallel efficiency against thread count, as a line chart.
param([int[]] $Threads = @(1, 2, 4), [string] $Report = './threads.svg')
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')

$rows = Measure-Kernel -Kernel Parallel, ParallelSimd -Threads $Threads -Width 1000 -Height 1000
$rows | Format-Table Kernel, Threads, MedianMs, GIterPerSec, ParallelEfficiency
$rows | Export-KernelReport $Report -Force

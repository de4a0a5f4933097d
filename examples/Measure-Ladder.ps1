#!/usr/bin/env pwsh
# The whole technique ladder on this machine: a CSV to keep, and one HTML page with the chart and table.
#   ./examples/Measure-Ladder.ps1 -OutputFolder ./results
param(
    [string] $OutputFolder = '.',
    [int] $Width = 1000,
    [int] $Height = 1000,
    [int] $MaxIterations = 1000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')

$rows = Measure-Kernel -All -Width $Width -Height $Height -MaxIterations $MaxIterations
$rows | Sort-Object GIterPerSec | Format-Table Kernel, MedianMs, GIterPerSec, Speedup, DifferingPixels
$rows | Export-Csv (Join-Path $OutputFolder 'ladder.csv') -NoTypeInformation
$rows | Export-KernelReport (Join-Path $OutputFolder 'ladder.html') -Force

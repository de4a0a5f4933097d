#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Makes the README's picture: Seahorse Valley in the Classic palette, histogram-equalised.
.DESCRIPTION
    One Invoke-Mandelbrot call. The image is computed and encoded a band of rows at a time, so the same
    command makes a 20000x20000 poster in bounded memory (-Width 20000 -Height 15000).
.EXAMPLE
    ./examples/New-Picture.ps1 -Path ./docs/seahorse-valley.png -Force
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Path = './seahorse-valley.png',
    [int] $Width = 800,
    [int] $Height = 600,
    [ValidateSet('Classic', 'Grey', 'Fire', 'Ocean', 'Viridis')]
    [string] $Palette = 'Classic',
    [switch] $Force
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module MandelPS)) { Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1') }

# Seahorse Valley, between the main cardioid and the period-2 bulb; long orbits, so 2000 iterations.
Invoke-Mandelbrot -Kernel ParallelSimd -Width $Width -Height $Height -MaxIterations 2000 `
    -Viewport -0.7900, -0.7250, 0.1025, 0.1512 -Palette $Palette -ColorScale Histogram `
    -Path $Path -Force:$Force -WhatIf:$WhatIfPreference

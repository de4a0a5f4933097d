#!/usr/bin/env pwsh
# Re-measures VectorBlocked's block size on this machine (the tutorial's numpy_vector_2.py cache study):
# one row per block size, fastest first. The engine's default (VectorBlockedKernel.DefaultBlockSize)
# came from this sweep on the development machine.
param([int[]] $BlockSize = @(256, 512, 1024, 2048, 4096, 8192, 16384, 65536), [int] $Size = 500)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')

$BlockSize | ForEach-Object {
    $r = Invoke-Mandelbrot -Kernel VectorBlocked -Width $Size -Height $Size -MaxIterations 300 -BlockSize $_
    [pscustomobject]@{ BlockSize = $_; KiB = $_ * 4 * 8 / 1KB; Ms = $r.Elapsed.TotalMilliseconds }
} | Sort-Object Ms

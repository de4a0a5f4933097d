#!/usr/bin/env pwsh
# Re-measures VectorBlocked's block size on this machine (the tutorial's numpy_vector_2.py cache study):
# one row per block size, fastest first, each row carrying its BlockSize, so the set can be saved and
# compared later row by row. VectorBlocked's declared default (4096) came from this sweep on the
# development machine.
param([int[]] $BlockSize = @(256, 512, 1024, 2048, 4096, 8192, 16384, 65536), [int] $Size = 500)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')

Measure-Kernel -Kernel VectorBlocked -BlockSize $BlockSize -Width $Size -Height $Size -MaxIterations 300 |
    Sort-Object MedianMs |
    Format-Table BlockSize, @{ Name = 'KiB'; Expression = { $_.BlockSize * 4 * 8 / 1KB } }, MedianMs, GIterPerSec

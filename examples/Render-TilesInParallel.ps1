#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Renders an image as tiles on local runspaces (ForEach-Object -Parallel) and merges them.
.DESCRIPTION
    Each tile is one band of rows, computed exactly as the whole render computes it, written as a .mtile
    file (counts, request, checksum). Merge-MandelbrotTile checks that the tiles are intact, of one
    request and cover it exactly once, then writes the image: bit-identical to a one-process render.
    The same tiles could come from other processes or machines (render-tiles.sh, Render-TilesOverSsh.ps1).
.EXAMPLE
    ./examples/Render-TilesInParallel.ps1 -Width 4000 -Height 3000 -TileCount 8 -OutFile big.png
#>
[CmdletBinding()]
param(
    [int] $Width = 1600,
    [int] $Height = 1200,
    [int] $MaxIterations = 1000,
    [int] $TileCount = 4,
    [int] $ThrottleLimit = [Environment]::ProcessorCount,
    [string] $OutFile = './tiled.png',
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1')
)

$ErrorActionPreference = 'Stop'
$tiles = Join-Path ([IO.Path]::GetTempPath()) "mandelps-tiles-$PID"
New-Item -ItemType Directory -Path $tiles -Force | Out-Null
try {
    # One serial kernel per runspace: the runspaces are the parallelism.
    0..($TileCount - 1) | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        Import-Module $using:ModulePath
        Invoke-Mandelbrot -Kernel Simd -Width $using:Width -Height $using:Height -MaxIterations $using:MaxIterations `
            -TileCount $using:TileCount -TileIndex $_ -Path (Join-Path $using:tiles "tile$_.mtile")
    } | Format-Table Kernel, TileIndex, ValidationSum, ElapsedMs, Path

    Import-Module $ModulePath
    Merge-MandelbrotTile -Path (Join-Path $tiles '*.mtile') -OutFile $OutFile -Force
}
finally {
    Remove-Item -LiteralPath $tiles -Recurse -Force
}

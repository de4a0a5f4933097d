#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Spreads the tiles of one render over machines with PowerShell remoting over SSH, and merges them here.
.DESCRIPTION
    Opens -SessionsPerHost sessions to each -HostName (New-PSSession -HostName: SSH transport, the remote
    sshd needs a "Subsystem powershell" line), imports MandelPS there, and has each session render one
    tile (Invoke-Mandelbrot -TileCount -TileIndex) concurrently (Invoke-Command -AsJob). A tile comes back
    as the bytes of its .mtile file, is saved here, and Merge-MandelbrotTile checks the tiles (intact, one
    request, every row once) and writes the image: bit-identical to a render in one process.
    PowerShell supplies the scheduler (sessions and jobs); MandelPS supplies tiles that merge exactly.
.EXAMPLE
    ./examples/Render-TilesOverSsh.ps1 -HostName node1, node2 -UserName me -OutFile big.png
.EXAMPLE
    ./examples/Render-TilesOverSsh.ps1 -HostName 127.0.0.1 -Port 2222 -KeyFilePath ./id -SshOption @{ StrictHostKeyChecking = 'no' }
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string[]] $HostName,
    [string] $UserName,
    [int] $Port = 22,
    [string] $KeyFilePath,
    # Extra ssh options (New-PSSession -Options), e.g. @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null' }.
    [hashtable] $SshOption,
    [int] $SessionsPerHost = 1,
    # How the remote side imports MandelPS: a module name (installed there) or a path on the remote machine.
    [string] $RemoteModule = 'MandelPS',
    [hashtable] $Request = @{ Kernel = 'Simd'; Width = 1600; Height = 1200; MaxIterations = 1000 },
    [string] $OutFile = './remote.png',
    # Where the tiles are kept (deleted afterwards unless given).
    [string] $TileFolder
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command Merge-MandelbrotTile -ErrorAction Ignore)) { Import-Module (Join-Path $PSScriptRoot '../out/MandelPS/MandelPS.psd1') }
$keep = [bool] $TileFolder
if (-not $TileFolder) { $TileFolder = Join-Path ([IO.Path]::GetTempPath()) "mandelps-remote-$PID" }
New-Item -ItemType Directory -Path $TileFolder -Force | Out-Null

$connection = @{ Port = $Port }
if ($UserName) { $connection.UserName = $UserName }
if ($KeyFilePath) { $connection.KeyFilePath = $KeyFilePath }
if ($SshOption) { $connection.Options = $SshOption }
$sessions = foreach ($name in $HostName) {
    foreach ($k in 1..$SessionsPerHost) { New-PSSession -HostName $name @connection }
}

try {
    $count = $sessions.Count
    $jobs = for ($i = 0; $i -lt $count; $i++) {
        Invoke-Command -Session $sessions[$i] -AsJob -ArgumentList $RemoteModule, $Request, $i, $count -ScriptBlock {
            param($module, $request, $index, $count)
            $ErrorActionPreference = 'Stop'
            Import-Module $module
            $file = Join-Path ([IO.Path]::GetTempPath()) "mandelps-tile-$PID-$index.mtile"
            try {
                $summary = Invoke-Mandelbrot @request -TileCount $count -TileIndex $index -Path $file -Force
                [pscustomobject]@{ Index = $index; Computer = [Environment]::MachineName; ElapsedMs = $summary.ElapsedMs; Bytes = [IO.File]::ReadAllBytes($file) }
            }
            finally {
                Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
            }
        }
    }

    $tiles = $jobs | Wait-Job | Receive-Job -ErrorAction Stop
    foreach ($tile in $tiles) {
        [IO.File]::WriteAllBytes((Join-Path $TileFolder "tile$($tile.Index).mtile"), [byte[]] $tile.Bytes)
        Write-Verbose "tile $($tile.Index) of $count from $($tile.Computer): $([math]::Round($tile.ElapsedMs)) ms"
    }

    Merge-MandelbrotTile -Path (Join-Path $TileFolder '*.mtile') -OutFile $OutFile -Force
}
finally {
    $jobs | Remove-Job -Force -ErrorAction SilentlyContinue
    $sessions | Remove-PSSession
    if (-not $keep) { Remove-Item -LiteralPath $TileFolder -Recurse -Force -ErrorAction SilentlyContinue }
}

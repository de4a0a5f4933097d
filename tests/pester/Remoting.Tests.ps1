#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Tiles over PowerShell remoting for real: a private sshd on 127.0.0.1 (its own host key, an authorized
# key made here, a "Subsystem powershell" line pointing at this test's pwsh), two sessions to it render
# tiles through examples/Render-TilesOverSsh.ps1, and the merge must equal a render in one process.
# Where sshd cannot be started the test is skipped, with the reason, never passed.

BeforeDiscovery {
    function Get-SshFixture {
        # Everything the private sshd needs, checked with `sshd -t`; returns the fixture or the reason it cannot be.
        $sshd = @('/usr/sbin/sshd', (Get-Command sshd -CommandType Application -ErrorAction Ignore | Select-Object -First 1 -ExpandProperty Source)) |
            Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
        if (-not $sshd) { return @{ Skip = 'openssh-server is not installed (no sshd; .ci/run installs it as root)' } }
        foreach ($tool in 'ssh', 'ssh-keygen') {
            if (-not (Get-Command $tool -CommandType Application -ErrorAction Ignore)) { return @{ Skip = "$tool is not installed (openssh-client)" } }
        }
        if ($IsWindows) { return @{ Skip = 'the private sshd fixture is written for Linux and macOS' } }
        $user = [Environment]::UserName
        if ((id -u) -ne '0') {
            # sshd drops privileges into /run/sshd and switches users: only root can start it for a login.
            return @{ Skip = "sshd needs root to accept logins here; running as $user" }
        }

        $folder = Join-Path ([IO.Path]::GetTempPath()) "mandelps-sshd-$PID"
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        & ssh-keygen -q -t ed25519 -N '' -f (Join-Path $folder 'host_key') | Out-Null
        & ssh-keygen -q -t ed25519 -N '' -f (Join-Path $folder 'client_key') | Out-Null
        Copy-Item (Join-Path $folder 'client_key.pub') (Join-Path $folder 'authorized_keys')

        # The subsystem runs this test's pwsh: the repository's is a .NET tool (dotnet .../pwsh.dll).
        $self = (Get-Process -Id $PID).Path
        $launch = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { "exec '$self' '$PSHOME/pwsh.dll' `"`$@`"" } else { "exec '$self' `"`$@`"" }
        $wrapper = Join-Path $folder 'pwsh-subsystem'
        Set-Content -LiteralPath $wrapper -Value "#!/bin/sh`n$launch`n"
        chmod 755 $wrapper

        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $config = Join-Path $folder 'sshd_config'
        Set-Content -LiteralPath $config -Value @(
            "Port $port"
            'ListenAddress 127.0.0.1'
            "HostKey $folder/host_key"
            "PidFile $folder/sshd.pid"
            "AuthorizedKeysFile $folder/authorized_keys"
            'PubkeyAuthentication yes'
            'PasswordAuthentication no'
            'KbdInteractiveAuthentication no'
            'PermitRootLogin prohibit-password'
            'UsePAM no'
            'StrictModes no'
            "Subsystem powershell $wrapper -sshs -NoLogo -NoProfile"
        )
        New-Item -ItemType Directory -Path '/run/sshd' -Force | Out-Null   # Debian's privilege separation folder
        $check = & $sshd -t -f $config 2>&1
        if ($LASTEXITCODE -ne 0) {
            Remove-Item -LiteralPath $folder -Recurse -Force
            return @{ Skip = "sshd -t refused the test configuration: $check" }
        }

        @{ Skip = $null; Sshd = $sshd; Folder = $folder; Config = $config; Port = $port; User = $user }
    }

    $fixture = Get-SshFixture
}

Describe 'Tiles over PowerShell remoting (SSH)' -ForEach @(@{ Fixture = $fixture }) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1') -Force
        $script:sshdProcess = $null
        if (-not $Fixture.Skip) {
            $log = Join-Path $Fixture.Folder 'sshd.log'
            $script:sshdProcess = Start-Process -FilePath $Fixture.Sshd -ArgumentList '-D', '-e', '-f', $Fixture.Config -RedirectStandardError $log -PassThru
            # Listening within a few seconds, or the test fails with sshd's own words.
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            $listening = $false
            while (-not $listening -and [DateTime]::UtcNow -lt $deadline -and -not $script:sshdProcess.HasExited) {
                $client = [System.Net.Sockets.TcpClient]::new()
                try { $client.Connect('127.0.0.1', $Fixture.Port); $listening = $true } catch { Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
            }
            if (-not $listening) { throw "sshd did not start listening on 127.0.0.1:$($Fixture.Port): $(Get-Content -Raw $log)" }
        }
    }

    AfterAll {
        # Stopped by its own process id, never by name.
        if ($script:sshdProcess -and -not $script:sshdProcess.HasExited) {
            Stop-Process -Id $script:sshdProcess.Id -Force
            $script:sshdProcess.WaitForExit(5000) | Out-Null
        }
        if ($Fixture.Folder) { Remove-Item -LiteralPath $Fixture.Folder -Recurse -Force -ErrorAction SilentlyContinue }
        Remove-Module MandelPS -ErrorAction SilentlyContinue
    }

    It 'renders tiles in two sessions that merge bit-identical to one render' -Skip:([bool]$Fixture.Skip) {
        $request = @{ Kernel = 'Simd'; Width = 97; Height = 61; MaxIterations = 300 }
        $tileFolder = Join-Path $TestDrive 'tiles'
        $remote = Join-Path $TestDrive 'remote.png'
        $local = Join-Path $TestDrive 'local.png'
        $example = Join-Path $PSScriptRoot '../../examples/Render-TilesOverSsh.ps1'
        $summary = & $example -HostName 127.0.0.1 -Port $Fixture.Port -UserName $Fixture.User -SessionsPerHost 2 `
            -KeyFilePath (Join-Path $Fixture.Folder 'client_key') -SshOption @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null' } `
            -RemoteModule (Resolve-Path (Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1')).Path `
            -Request $request -OutFile $remote -TileFolder $tileFolder

        (Get-ChildItem $tileFolder -Filter *.mtile).Count | Should -Be 2
        $oneProcess = Invoke-Mandelbrot @request -Path $local
        $summary.ValidationSum | Should -Be $oneProcess.ValidationSum
        (Get-FileHash $remote).Hash | Should -Be (Get-FileHash $local).Hash
    }
}

#Requires -Version 7.4
# Installs like a module: the assembled module is published to a local PSResourceGet repository (a
# folder), saved into a fresh module path, and imported by name in a new pwsh that knows only that path.

BeforeAll {
    $module = Join-Path $PSScriptRoot '../../out/MandelPS'
    $repository = "MandelPS-test-$PID"
    $feed = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'feed')
    $modules = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'modules')
    Register-PSResourceRepository -Name $repository -Uri $feed.FullName -Trusted
    Publish-PSResource -Path $module -Repository $repository
    Save-PSResource -Name MandelPS -Repository $repository -Path $modules.FullName -TrustRepository | Out-Null

    # The same pwsh as this one: under 'dotnet pwsh' the process is dotnet and pwsh.dll its argument.
    $self = (Get-Process -Id $PID).Path
    $pwsh = if ((Split-Path $self -Leaf) -like 'dotnet*') { @($self, (Join-Path $PSHOME 'pwsh.dll')) } else { @($self) }
}

AfterAll {
    Unregister-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue
}

Describe 'Installing MandelPS' {
    It 'publishes one package named after the module and its version' {
        $version = (Import-PowerShellDataFile (Join-Path $module 'MandelPS.psd1')).ModuleVersion
        (Get-ChildItem $feed -Filter *.nupkg).Name | Should -Be "MandelPS.$version.nupkg"
    }

    It 'imports by name from a fresh module path' {
        $script = "`$env:PSModulePath = '$($modules.FullName)'; Import-Module MandelPS -ErrorAction Stop; " +
            "(Get-Module MandelPS).ModuleBase; (Get-Kernel Simd).Name"
        $exe = $pwsh[0]
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
        $output = & $exe @arguments
        $LASTEXITCODE | Should -Be 0
        $output[0] | Should -BeLike "$($modules.FullName)*"
        $output[1] | Should -Be 'Simd'
    }

    # The README names the assembled manifest as the one to test: the repository's is its source, beside no MandelPS.dll.
    It 'has an assembled manifest that passes Test-ModuleManifest without an error' {
        $manifest = Test-ModuleManifest -Path (Join-Path $module 'MandelPS.psd1') -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $manifest.Name | Should -Be 'MandelPS'
        $manifest.ExportedCmdlets.Keys | Should -Contain 'Import-KernelResult'
    }
}

# The README's `dotnet tool install --global` line, with what `build.ps1 Package` packs (the tool for this
# machine's platform), installed into a folder of the test's own instead of the user's tools.
Describe 'Installing mandelps as a .NET tool' {
    BeforeAll {
        $dotnet = if ((Split-Path $self -Leaf) -like 'dotnet*') { $self } else { (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source }
        $project = Join-Path $PSScriptRoot '../../src/MandelPS.Cli/MandelPS.Cli.csproj'
        $platform = & $dotnet msbuild $project -p:ToolForThisPlatform=true -getProperty:ToolPlatform # the project's answer, as build.ps1 packs it
        $toolFeed = Join-Path $TestDrive 'tool-feed'
        $tools = Join-Path $TestDrive 'tools'
        & $dotnet pack $project -c Release --nologo -v q -o $toolFeed -p:ToolForThisPlatform=true | Out-Host
        $packExit = $LASTEXITCODE
        # A package cache of its own, so a MandelPS.Cli of the same version cached by an earlier install is not taken instead.
        $cache = $env:NUGET_PACKAGES
        try {
            $env:NUGET_PACKAGES = Join-Path $TestDrive 'nuget'
            & $dotnet tool install --tool-path $tools --add-source $toolFeed MandelPS.Cli | Out-Host
            $installExit = $LASTEXITCODE
        }
        finally {
            $env:NUGET_PACKAGES = $cache
        }
    }

    It 'packs the tool for this platform and the package that names it' {
        $packExit | Should -Be 0
        $version = (Import-PowerShellDataFile (Join-Path $module 'MandelPS.psd1')).ModuleVersion
        (Get-ChildItem $toolFeed -Filter *.nupkg).Name | Sort-Object |
            Should -Be @("MandelPS.Cli.$version.nupkg", "MandelPS.Cli.$platform.$version.nupkg")
    }

    It 'runs its MultiProcess kernel in workers started as its own executable (no dotnet host runs a self-contained build)' {
        $installExit | Should -Be 0
        $rows = & (Join-Path $tools 'mandelps') render -k MultiProcess --threads 2 -w 64 --height 32 --format csv | ConvertFrom-Csv
        $LASTEXITCODE | Should -Be 0
        $rows.Kernel | Should -Be 'MultiProcess'
    }

    It 'installs a precompiled mandelps that writes the Benchmarks Game bitmap' {
        $installExit | Should -Be 0
        $bitmap = Join-Path $TestDrive 'bg.pbm'
        & (Join-Path $tools 'mandelps') render --preset benchmarksgame -n 200 --output $bitmap
        $LASTEXITCODE | Should -Be 0
        (Get-FileHash $bitmap -Algorithm MD5).Hash | Should -Be 'CC65E64BD553ED18896DE1DFE7FAE3E5' # the task's own output at N=200

        # Self-contained and precompiled as one composite image with its runtime: ReadyToRun code (for a
        # component, its header pointing at the composite) sits behind the CLI header's ManagedNativeHeader
        # directory; a plain IL build has none.
        $engine = Get-ChildItem (Join-Path $tools '.store') -Recurse -Filter MandelPS.Engine.dll | Select-Object -First 1
        Join-Path $engine.DirectoryName 'MandelPS.Cli.r2r.dll' | Should -Exist
        Join-Path $engine.DirectoryName 'System.Private.CoreLib.dll' | Should -Exist
        $stream = [IO.File]::OpenRead($engine.FullName)
        try {
            $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $reader.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size | Should -BeGreaterThan 0
        }
        finally {
            $stream.Dispose()
        }
    }
}

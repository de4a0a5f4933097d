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

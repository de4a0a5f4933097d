#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The README's module block is a script a user copies: every line of it runs here, in order, in a fresh
# folder, with small problems by default ($PSDefaultParameterValues) so the block runs in seconds. A line
# that writes an error fails the test that names it.

BeforeDiscovery {
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
    $section = $readme.Substring($readme.IndexOf('## The PowerShell module'))
    $block = [regex]::Match($section, '```powershell\r?\n(?<code>.*?)```', 'Singleline').Groups['code'].Value
    # The build and import lines are this suite's own BeforeAll.
    $lines = @($block -split '\r?\n' | Where-Object { $_.Trim() -and $_ -notmatch '^\./build\.ps1|^Import-Module' })
    $commands = @($lines | ForEach-Object { @{ Command = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1') -Force
    $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'readme')
    Push-Location $folder
    $quick = @{ Width = 48; Height = 32; MaxIterations = 50; Runs = 1; Warmup = 0; MinRunTimeMs = 0 }
    foreach ($cmdlet in 'Measure-Kernel', 'Compare-Kernel') {
        foreach ($name in $quick.Keys) { $PSDefaultParameterValues["${cmdlet}:$name"] = $quick[$name] }
    }
    $PSDefaultParameterValues['Compare-Kernel:Runs'] = 5
}

AfterAll {
    Pop-Location
    $PSDefaultParameterValues.Clear()
}

Describe 'The README''s module block' {
    It 'runs <Command>' -ForEach $commands {
        $errors = $null
        Invoke-Expression "$Command | Out-Null" -ErrorVariable errors -WarningAction SilentlyContinue
        $errors | Should -BeNullOrEmpty -Because "the README shows it working"
    }

    It 'leaves the files it names' {
        'kernels.csv', 'm.png', 'zoom.png', 'bg.pbm', 'ladder.html', 't3.mtile', 'merged.png' | ForEach-Object { Test-Path $_ | Should -BeTrue -Because "$_ is written" }
    }
}

#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Runs against the assembled module (./build.ps1 Build puts it in out/MandelPS).

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1'
    Import-Module $modulePath -Force
    # Small problems keep the suite fast; correctness, not speed, is under test here.
    $small = @{ Width = 64; Height = 48; MaxIterations = 100; Runs = 1; Warmup = 0 }
}

AfterAll {
    Remove-Module MandelPS -ErrorAction SilentlyContinue
}

Describe 'Module' {
    It 'exports exactly its cmdlets' {
        (Get-Command -Module MandelPS).Name | Sort-Object | Should -Be @('Compare-Kernel', 'Export-KernelReport', 'Get-Kernel', 'Get-KernelCode', 'Get-KernelDevice', 'Get-KernelLimit', 'Import-KernelResult', 'Invoke-Mandelbrot', 'Measure-Kernel', 'Merge-MandelbrotTile')
    }

    It 'has help with an example for every cmdlet' {
        foreach ($name in (Get-Command -Module MandelPS).Name) {
            (Get-Help $name -Full).examples.example.Count | Should -BeGreaterThan 0
        }
    }
}

Describe 'Get-Kernel' {
    It 'lists every kernel with its properties' {
        $kernels = Get-Kernel
        $kernels.Name | Should -Contain 'Expanded'
        $kernels.Name | Should -Contain 'ParallelSimd'
        ($kernels | Where-Object Name -EQ 'Expanded').IsExact | Should -BeTrue
        ($kernels | Where-Object Name -EQ 'Naive').IsExact | Should -BeFalse
    }

    It 'filters with wildcards' {
        (Get-Kernel *Simd*).Name | Should -Be @('Simd', 'ParallelSimd')
    }

    It 'reports an unknown name with the UnknownKernel error id' {
        Get-Kernel Quantum -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'UnknownKernel,MandelPS.Commands.GetKernelCommand'
    }

    It 'completes kernel names' {
        $completions = TabExpansion2 -inputScript 'Measure-Kernel -Kernel Par' -cursorColumn 26
        $completions.CompletionMatches.CompletionText | Should -Be @('Parallel', 'ParallelSimd', 'ParallelUnsynchronized')
    }
}

Describe 'Invoke-Mandelbrot' {
    It 'returns a summary whose validation sum matches across exact kernels' {
        $reference = Invoke-Mandelbrot -Kernel Expanded -Width 64 -Height 48 -MaxIterations 100
        $simd = Invoke-Mandelbrot -Kernel Simd -Width 64 -Height 48 -MaxIterations 100
        $simd.ValidationSum | Should -Be $reference.ValidationSum
        $simd.Width | Should -Be 64
    }

    It 'reports the tutorial grid size it derived' {
        $r = Invoke-Mandelbrot -TutorialSize 100 -MaxIterations 300
        $r.Width | Should -Be 50
        $r.Height | Should -Be 50
    }

    It 'writes a PNG and refuses to overwrite it without -Force' {
        $path = Join-Path $TestDrive 'm.png'
        Invoke-Mandelbrot -Width 32 -Height 24 -MaxIterations 50 -Path $path | Out-Null
        [System.IO.File]::ReadAllBytes($path)[1..3] | Should -Be @(0x50, 0x4E, 0x47)
        $before = (Get-Item $path).LastWriteTimeUtc

        Invoke-Mandelbrot -Width 32 -Height 24 -Path $path -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'FileExists,MandelPS.Commands.InvokeMandelbrotCommand'
        (Get-Item $path).LastWriteTimeUtc | Should -Be $before

        Invoke-Mandelbrot -Width 32 -Height 24 -Path $path -Force | Select-Object -ExpandProperty Path | Should -Be $path
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.png'
        Invoke-Mandelbrot -Width 32 -Height 24 -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
    }

    It 'reproduces the Benchmarks Game bitmap with -Preset BenchmarksGame' {
        $path = Join-Path $TestDrive 'bg.pbm'
        $r = Invoke-Mandelbrot -Kernel ParallelSimd -Preset BenchmarksGame -Size 8 -Path $path
        $r.MaxIterations | Should -Be 50
        $bytes = [System.IO.File]::ReadAllBytes($path)
        [System.Text.Encoding]::ASCII.GetString($bytes, 0, 7) | Should -Be "P4`n8 8`n"
        $bytes[7..14] | Should -Be @(0x02, 0x00, 0x0F, 0x2F, 0xFF, 0x2F, 0x0F, 0x00)
    }

    It 'decides a PBM by membership alone with ParallelSimd, byte-identical to the reference kernel''s' {
        $fast = Invoke-Mandelbrot -Preset BenchmarksGame -Size 101 -Path (Join-Path $TestDrive 'fast.pbm')
        $reference = Invoke-Mandelbrot -Kernel Expanded -Preset BenchmarksGame -Size 101 -Path (Join-Path $TestDrive 'reference.pbm')
        $fast.Kernel | Should -Be 'ParallelSimd'
        $fast.CodePath | Should -Be 'MembershipFinalTest 100%'
        $fast.ValidationSum | Should -BeNullOrEmpty
        $reference.ValidationSum | Should -BeGreaterThan 0
        $fast.PixelsInSet | Should -Be $reference.PixelsInSet
        (Get-FileHash $fast.Path).Hash | Should -Be (Get-FileHash $reference.Path).Hash
    }

    It 'analyses the load balance and writes a cost heatmap with -CostMap' {
        $path = Join-Path $TestDrive 'cost.png'
        $rows = Invoke-Mandelbrot -Kernel Simd -Width 64 -Height 48 -MaxIterations 100 -CostMap -TileSize 8 -Path $path
        $rows.Workers | Should -Contain 2
        ($rows | Where-Object Workers -EQ 4).DynamicRowsEfficiency | Should -BeGreaterThan ($rows | Where-Object Workers -EQ 4).StaticSplitEfficiency
        Test-Path $path | Should -BeTrue
    }

    It 'returns the counts with -PassThru' {
        $r = Invoke-Mandelbrot -Width 8 -Height 4 -MaxIterations 20 -PassThru
        $r.Counts.Count | Should -Be 32
    }

    It 'rejects a bad width with the InvalidRequest error id naming the parameter' {
        Invoke-Mandelbrot -Width 0 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.InvokeMandelbrotCommand'
        $err[0].Exception.Message | Should -Match 'Width: 0 is outside the allowed range 1\.\.1000000'
    }

    It 'writes an RGB PNG in a palette, a grey one with -Palette Grey, and a PPM' {
        $rgb = Join-Path $TestDrive 'fire.png'
        $grey = Join-Path $TestDrive 'grey.png'
        $ppm = Join-Path $TestDrive 'ocean.ppm'
        Invoke-Mandelbrot -Width 40 -Height 30 -MaxIterations 50 -Palette Fire -ColorScale Histogram -Path $rgb | Out-Null
        Invoke-Mandelbrot -Width 40 -Height 30 -MaxIterations 50 -Palette Grey -Path $grey | Out-Null
        Invoke-Mandelbrot -Width 40 -Height 30 -MaxIterations 50 -Palette Ocean -Path $ppm | Out-Null
        # IHDR colour type (byte 25): 2 truecolour, 0 grey.
        [System.IO.File]::ReadAllBytes($rgb)[25] | Should -Be 2
        [System.IO.File]::ReadAllBytes($grey)[25] | Should -Be 0
        [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($ppm), 0, 2) | Should -Be 'P6'
    }

    It 'refuses a colour palette for a grey PGM, naming -Palette and the allowed choices' {
        Invoke-Mandelbrot -Width 8 -Height 8 -Palette Fire -Path (Join-Path $TestDrive 'x.pgm') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.InvokeMandelbrotCommand'
        $err[0].ErrorDetails.Message | Should -Match '^-Palette: .*Grey'
        Test-Path (Join-Path $TestDrive 'x.pgm') | Should -BeFalse
    }

    It 'completes palette names' {
        $completions = TabExpansion2 -inputScript 'Invoke-Mandelbrot -Palette O' -cursorColumn 28
        $completions.CompletionMatches.CompletionText | Should -Be @('Ocean')
    }

    It 'writes one tile per call with -TileCount and -TileIndex' {
        $path = Join-Path $TestDrive 'one.mtile'
        $r = Invoke-Mandelbrot -Width 40 -Height 30 -MaxIterations 50 -TileCount 3 -TileIndex 1 -Path $path
        # The summary carries the whole render's request; its figures are the tile's rows.
        $r.Height | Should -Be 30
        $r.TileIndex, $r.TileCount | Should -Be 1, 3
        [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($path), 0, 7) | Should -Be 'MPSTILE'
    }

    It 'refuses a tile index outside the tile count' {
        Invoke-Mandelbrot -Width 40 -Height 30 -TileCount 3 -TileIndex 3 -Path (Join-Path $TestDrive 'bad.mtile') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.InvokeMandelbrotCommand'
        $err[0].ErrorDetails.Message | Should -Match '^-TileIndex: 3 is outside the allowed range 0\.\.2'
    }
}

Describe 'Merge-MandelbrotTile' {
    BeforeAll {
        $request = @{ Kernel = 'ParallelSimd'; Width = 61; Height = 47; MaxIterations = 120 }
        $tiles = Join-Path $TestDrive 'tiles'
        New-Item -ItemType Directory -Path $tiles | Out-Null
        0..3 | ForEach-Object { Invoke-Mandelbrot @request -TileCount 4 -TileIndex $_ -Path (Join-Path $tiles "t$_.mtile") } | Out-Null
        $direct = Join-Path $TestDrive 'direct.png'
        $oneProcess = Invoke-Mandelbrot @request -Path $direct
    }

    It 'merges tiles from a wildcard into an image bit-identical to a one-process render' {
        $merged = Join-Path $TestDrive 'merged.png'
        $summary = Merge-MandelbrotTile (Join-Path $tiles '*.mtile') -OutFile $merged
        $summary.ValidationSum | Should -Be $oneProcess.ValidationSum
        (Get-FileHash $merged).Hash | Should -Be (Get-FileHash $direct).Hash
    }

    It 'takes files from Get-ChildItem by property name and returns the counts with -PassThru' {
        $result = Get-ChildItem $tiles -Filter *.mtile | Merge-MandelbrotTile -PassThru
        $result.Counts.Count | Should -Be (61 * 47)
        $result.ValidationSum | Should -Be $oneProcess.ValidationSum
    }

    It 'refuses to overwrite without -Force, and writes nothing with -WhatIf' {
        $existing = Join-Path $TestDrive 'existing.png'
        Set-Content -LiteralPath $existing -Value 'old'
        Merge-MandelbrotTile (Join-Path $tiles '*.mtile') -OutFile $existing -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'FileExists,MandelPS.Commands.MergeMandelbrotTileCommand'
        Merge-MandelbrotTile (Join-Path $tiles '*.mtile') -OutFile (Join-Path $TestDrive 'whatif.png') -WhatIf
        Test-Path (Join-Path $TestDrive 'whatif.png') | Should -BeFalse
    }

    It 'refuses a missing tile, naming it' {
        Merge-MandelbrotTile -LiteralPath (Join-Path $tiles 't0.mtile'), (Join-Path $tiles 't1.mtile'), (Join-Path $tiles 't3.mtile') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'BadSavedResults,MandelPS.Commands.MergeMandelbrotTileCommand'
        $err[0].Exception.Message | Should -Match 'tile 2 of 4 .* missing'
    }

    It 'refuses a damaged tile, naming it' {
        $damaged = Join-Path $TestDrive 'damaged.mtile'
        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $tiles 't2.mtile'))
        $bytes[$bytes.Length - 20] = $bytes[$bytes.Length - 20] -bxor 1
        [System.IO.File]::WriteAllBytes($damaged, $bytes)
        Merge-MandelbrotTile -LiteralPath (Join-Path $tiles 't0.mtile'), (Join-Path $tiles 't1.mtile'), $damaged, (Join-Path $tiles 't3.mtile') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'BadSavedResults,MandelPS.Commands.MergeMandelbrotTileCommand'
        $err[0].Exception.Message | Should -Match 'damaged\.mtile.*checksum'
    }

    It 'reports a path that matches no file' {
        Merge-MandelbrotTile (Join-Path $TestDrive 'nothing-*.mtile') -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.MergeMandelbrotTileCommand'
    }
}

Describe 'Measure-Kernel' {
    It 'measures one kernel into a flat row' {
        $row = Measure-Kernel -Kernel Simd @small
        $row.Kernel | Should -Be 'Simd'
        $row.Status | Should -Be 'Ok'
        $row.GIterPerSec | Should -BeGreaterThan 0
    }

    It 'says which code paths the SIMD kernels took, in the row and in the summary' {
        # 100 iterations: past the 32 stepped ones (raced too where the row's previous group outlived them), groups
        # race; the tutorial's spike near c = -2 keeps the running maximum.
        (Measure-Kernel -Kernel Simd @small).CodePath | Should -Match '^(Stepped|RacedFinalTest|RacedFromStart|RacedRunningMaximum) '
        (Invoke-Mandelbrot -Kernel ParallelSimd -Width 64 -Height 48 -MaxIterations 100).CodePath | Should -Match 'Raced(FinalTest|FromStart)'
        (Measure-Kernel -Kernel Expanded @small).CodePath | Should -BeNullOrEmpty
    }

    It 'expands array parameters to their cross product' {
        $rows = Measure-Kernel -Kernel Expanded, Simd -Width 16, 32 -Height 8, 16 -MaxIterations 20 -Runs 1 -Warmup 0
        $rows.Count | Should -Be 8
    }

    It 'composes with Get-Kernel, Sort-Object and Export-Csv, and round-trips through Import-Csv' {
        $csv = Join-Path $TestDrive 'k.csv'
        Get-Kernel Expanded, Simd | Measure-Kernel @small | Sort-Object GIterPerSec | Export-Csv $csv
        $back = Import-Csv $csv
        $back.Count | Should -Be 2
        $back.Kernel | Should -Contain 'Simd'
        ($back | Measure-Kernel -Runs 1 -Warmup 0).Count | Should -Be 2
    }

    It 'reports an unknown kernel with the UnknownKernel error id' {
        Measure-Kernel -Kernel Nope @small -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'UnknownKernel,MandelPS.Commands.MeasureKernelCommand'
    }

    It 'does not accept -All together with -Kernel' {
        { Measure-Kernel -All -Kernel Simd @small } | Should -Throw -ErrorId 'AmbiguousParameterSet,MandelPS.Commands.MeasureKernelCommand'
    }
}

Describe 'Get-KernelCode' {
    It 'shows the residual code of a formula by default' {
        $code = Get-KernelCode -Formula 'z^3 + c'
        $code.Stage | Should -Be 'Residual'
        $code.Kernel | Should -Be 'FormulaSpecialized'
        $code.Code | Should -Match 'r4 = zx \* zx'
        $code.Code | Should -Not -Match 'pow'
    }

    It 'shows every stage asked for, as flat rows' {
        $rows = Get-KernelCode -Formula 'conj(z)^2 + c' -Stage Tree, Residual, IL, Vector -Precision Single
        $rows.Stage | Should -Be @('Tree', 'Residual', 'IL', 'Vector')
        $rows.Kernel | Should -Be @('FormulaInterpreted', 'FormulaSpecialized', 'FormulaCompiled', 'FormulaVectorized')
        ($rows | Where-Object Stage -EQ IL).Code | Should -Match 'ldc.r4|ldarg'
    }

    It 'rejects a bad formula with the InvalidRequest error id and the position' {
        { Get-KernelCode -Formula 'z^2 + * c' } | Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.GetKernelCodeCommand'
        try { Get-KernelCode -Formula 'z^2 + * c' } catch { $_.Exception.Message | Should -Match 'at position 7 \(z\^2 \+ \[\*\] c\)' }
    }
}

Describe 'Formulas' {
    BeforeDiscovery {
        $badFormulas = @(
            @{ Formula = 'z^2 + * c'; Message = 'expected an operand' }
            @{ Formula = '(z^2 + c'; Message = "expected '\)'" }
            @{ Formula = 'foo(z) + c'; Message = "unknown name 'foo'" }
            @{ Formula = 'c^2 + 1'; Message = 'does not use z' }
            @{ Formula = 'z^99 + c'; Message = 'beyond the bound' }
            @{ Formula = 'z/0 + c'; Message = 'division by a constant zero' }
        )
    }

    It 'renders the same counts with every formula strategy' {
        $sums = foreach ($kernel in 'FormulaInterpreted', 'FormulaSpecialized', 'FormulaCompiled', 'FormulaVectorized') {
            (Invoke-Mandelbrot -Kernel $kernel -Formula 'z^3 + c' -Width 32 -Height 16 -MaxIterations 50).ValidationSum
        }
        ($sums | Select-Object -Unique).Count | Should -Be 1
    }

    It 'measures Formula* with the formula and its compile time in the row' {
        $rows = Measure-Kernel -Kernel Formula* -Formula '(abs(re(z)) + abs(im(z))*i)^2 + c' -EscapeRadius 2 @small
        $rows.Kernel | Should -Be @('FormulaInterpreted', 'FormulaSpecialized', 'FormulaCompiled', 'FormulaVectorized')
        $rows.Status | Select-Object -Unique | Should -Be 'Ok'
        $rows[0].Formula | Should -Be '(abs(re(z)) + abs(im(z))*i)^2 + c'
    }

    It 'lists the formula kernels with family Formula' {
        (Get-Kernel Formula*).Family | Select-Object -Unique | Should -Be 'Formula'
    }

    It 'rejects <Formula> with the InvalidRequest error id' -ForEach $badFormulas {
        Invoke-Mandelbrot -Kernel FormulaCompiled -Formula $Formula -Width 8 -Height 8 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.InvokeMandelbrotCommand'
        $err[0].Exception.Message | Should -Match $Message
        Measure-Kernel -Kernel FormulaCompiled -Formula $Formula @small -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.MeasureKernelCommand'
    }

    It 'refuses a formula for a kernel that solves z^2 + c only, naming -Formula' {
        Invoke-Mandelbrot -Kernel Expanded -Formula 'z^3 + c' -Width 8 -Height 8 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.InvokeMandelbrotCommand'
        $err[0].ErrorDetails.Message | Should -Match '^-Formula: '
    }
}

Describe 'Compare-Kernel' {
    It 'compares two saved result sets round-tripped through Export-Csv and Import-Csv' {
        $a = Join-Path $TestDrive 'a.csv'
        $b = Join-Path $TestDrive 'b.csv'
        Measure-Kernel -Kernel Simd -Width 32 -Height 16 -MaxIterations 50 -Runs 6 -Warmup 0 | Export-Csv $a
        Measure-Kernel -Kernel Simd -Width 32 -Height 16 -MaxIterations 50 -Runs 6 -Warmup 0 | Export-Csv $b
        $row = Compare-Kernel -ReferenceObject (Import-Csv $a) -DifferenceObject (Import-Csv $b) -WarningAction SilentlyContinue
        $row.Method | Should -Be 'Saved'
        $row.Width | Should -Be 32
        # Two runs, each in one process: how far the machine drifts between them is unknown.
        $row.Verdict | Should -Be 'Inconclusive'
        $row.VerdictReason | Should -Match 'Processes 3'
    }

    It 'rejects a threshold outside 0..1' {
        { Compare-Kernel -Kernel Simd -Threshold 2 } | Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.CompareKernelCommand'
    }

    It 'reports speedup and zero loss for an exact kernel' {
        $row = Compare-Kernel -Kernel Simd @small -WarningAction SilentlyContinue
        $row.Baseline | Should -Be 'Expanded'
        $row.DifferingPixels | Should -Be 0
        $row.Speedup | Should -BeGreaterThan 0
    }

    It 'reports precision loss for single precision on a deep zoom' {
        # 1000 iterations: at 100 no pixel of this zoom escapes in either precision, so nothing could differ.
        $row = Compare-Kernel -Kernel Simd -Precision Single -Viewport -0.7436443, -0.7436433, 0.1318254, 0.1318264 -Width 64 -Height 48 -MaxIterations 1000 -Runs 1 -Warmup 0 -WarningAction SilentlyContinue
        $row.DifferingPixels | Should -BeGreaterThan 0
    }
}

Describe 'Export-KernelReport' {
    It 'writes an SVG chart with one bar per kernel' {
        $path = Join-Path $TestDrive 'r.svg'
        Measure-Kernel -Kernel Expanded, Simd @small | Export-KernelReport -Path $path
        $svg = [xml](Get-Content $path -Raw)
        ($svg.svg.g | Where-Object class -EQ 'bar').Count | Should -Be 2
    }

    It 'writes nothing with -WhatIf and refuses to overwrite without -Force' {
        $path = Join-Path $TestDrive 'r.html'
        Measure-Kernel -Kernel Simd @small | Export-KernelReport -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        Measure-Kernel -Kernel Simd @small | Export-KernelReport -Path $path
        { Measure-Kernel -Kernel Simd @small | Export-KernelReport -Path $path } | Should -Throw -ErrorId 'FileExists,MandelPS.Commands.ExportKernelReportCommand'
        Measure-Kernel -Kernel Simd @small | Export-KernelReport -Path $path -Force -PassThru | Select-Object -ExpandProperty Name | Should -Be 'r.html'
    }
}

Describe 'What a PowerShell user relies on' {
    It 'round-trips saved results through Export-Csv and Import-Csv under de-DE' {
        $culture = [System.Globalization.CultureInfo]::CurrentCulture
        try {
            [System.Globalization.CultureInfo]::CurrentCulture = 'de-DE'
            $a = Join-Path $TestDrive 'de-a.csv'
            $b = Join-Path $TestDrive 'de-b.csv'
            Measure-Kernel -Kernel Simd -Width 32 -Height 16 -MaxIterations 50 -Runs 6 -Warmup 0 | Export-Csv $a
            Measure-Kernel -Kernel Simd -Width 32 -Height 16 -MaxIterations 50 -Runs 6 -Warmup 0 | Export-Csv $b
            (Get-Content $a -Raw) | Should -Match '"\d+,\d+"' -Because 'Export-Csv writes numbers in the session culture'
            $row = Compare-Kernel -ReferenceObject (Import-Csv $a) -DifferenceObject (Import-Csv $b) -WarningVariable warnings -WarningAction SilentlyContinue
            $row.SamplesMs | Should -Not -BeNullOrEmpty
            $row.Speedup | Should -BeGreaterThan 0
            $warnings | Where-Object { $_ -match 'settings' } | Should -BeNullOrEmpty -Because 'identical settings read the same in every culture'
            (Import-Csv $a).Settings | Should -Match 'minRunTimeMs=50;'
        }
        finally {
            [System.Globalization.CultureInfo]::CurrentCulture = $culture
        }
    }

    It '<_> says -Path expands wildcards and -LiteralPath does not' -ForEach 'Import-KernelResult', 'Merge-MandelbrotTile' {
        # The provider convention for files read: -Path globs (Get-Help says so), -LiteralPath is taken as typed.
        $parameters = (Get-Command $_).Parameters
        $globs = { param($name) [bool]($parameters[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }) }
        & $globs Path | Should -BeTrue
        & $globs LiteralPath | Should -BeFalse
    }

    It 'selects kernels with wildcards in -Kernel' {
        (Measure-Kernel -Kernel *Simd @small).Kernel | Should -Be @('Simd', 'ParallelSimd')
    }

    It 'measures the good names when one name is bad, with the bad one as TargetObject' -ForEach @(
        @{ Command = 'Measure-Kernel' }, @{ Command = 'Compare-Kernel' }
    ) {
        $rows = & $Command -Kernel Simd, Bogus @small -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $rows.Kernel | Should -Be 'Simd'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "UnknownKernel,MandelPS.Commands.$($Command -replace '-', '')Command"
        $err[0].TargetObject | Should -Be 'Bogus'
    }

    It 'lets a pipeline stop after the first row' {
        $first = Measure-Kernel -Kernel Expanded, Simd, Parallel @small | Select-Object -First 1
        $first.Kernel | Should -Be 'Expanded'
    }

    It 'compares every row piped in with its own request' {
        $rows = Measure-Kernel -Kernel Expanded, Simd -Width 16, 24 -Height 8 -MaxIterations 20 -Precision Double, Single -Runs 1 -Warmup 0 |
            Compare-Kernel -Runs 1 -Warmup 0 -WarningAction SilentlyContinue
        $rows.Count | Should -Be 8
        ($rows | Sort-Object Width, Precision -Unique | ForEach-Object { "$($_.Width)/$($_.Precision)" }) |
            Should -Be @('16/Double', '16/Single', '24/Double', '24/Single')
    }

    It 'says Inconclusive, with a warning, when there are too few runs to decide' {
        $row = Compare-Kernel -Kernel Simd @small -WarningVariable warnings -WarningAction SilentlyContinue
        $row.Verdict | Should -Be 'Inconclusive'
        $row.VerdictReason | Should -Match 'more runs'
        $warnings | Should -Not -BeNullOrEmpty
    }

    It 'refuses paths on non-FileSystem providers and wildcard paths, and takes -LiteralPath as typed' {
        Invoke-Mandelbrot -Width 8 -Height 8 -MaxIterations 10 -Path 'Env:/x.png' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.InvokeMandelbrotCommand'
        $err[0].ToString() | Should -Match 'Environment provider'

        Invoke-Mandelbrot -Width 8 -Height 8 -MaxIterations 10 -Path (Join-Path $TestDrive '*.png') -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].ToString() | Should -Match 'wildcard'
        Test-Path -LiteralPath (Join-Path $TestDrive '*.png') | Should -BeFalse

        $literal = Join-Path $TestDrive '[x].png'
        Invoke-Mandelbrot -Width 8 -Height 8 -MaxIterations 10 -LiteralPath $literal | Out-Null
        Test-Path -LiteralPath $literal | Should -BeTrue
    }

    It 'tells the truth with -WhatIf about a file it would refuse to overwrite' {
        $path = Join-Path $TestDrive 'exists.png'
        Set-Content -Path $path -Value 'old'
        Invoke-Mandelbrot -Width 8 -Height 8 -Path $path -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'FileExists,MandelPS.Commands.InvokeMandelbrotCommand'
        Get-Content $path | Should -Be 'old'
    }

    It 'refuses objects of the wrong kind, naming what it expected, and writes nothing' {
        $report = Join-Path $TestDrive 'wrong.md'
        { Get-ChildItem $TestDrive | Export-KernelReport -Path $report -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.ExportKernelReportCommand'
        Test-Path $report | Should -BeFalse
        { Compare-Kernel -ReferenceObject (Get-Item $TestDrive) -DifferenceObject (Get-Item $TestDrive) } |
            Should -Throw -ErrorId 'BadSavedResults,MandelPS.Commands.CompareKernelCommand'
    }

    It 'refuses conflicting parameters instead of ignoring them' {
        Measure-Kernel -Kernel Simd -TutorialSize 100 -Width 10 -Runs 1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.MeasureKernelCommand'
        $err[0].ToString() | Should -Match '^-Width:'
        Invoke-Mandelbrot -Preset None -Size 100 -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].ToString() | Should -Match '^-Size:'
    }

    It 'takes time parameters with their unit in the name and refuses values too small to mean anything' {
        (Get-Command Measure-Kernel).Parameters.Keys | Should -Contain 'TimeBudgetSeconds'
        (Get-Command Measure-Kernel).Parameters.Keys | Should -Contain 'MinRunTimeMs'
        { Measure-Kernel -Kernel Simd -TimeBudgetSeconds 0.01 } | Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.MeasureKernelCommand'
    }

    It 'stops a FailOnRegression gate that compared nothing' {
        $empty = @([pscustomobject]@{ Kernel = 'Simd'; Width = 8; Height = 8; MaxIterations = 5; Precision = 'Double'; SamplesMs = '1;1;1;1;1' })
        $other = @([pscustomobject]@{ Kernel = 'Naive'; Width = 8; Height = 8; MaxIterations = 5; Precision = 'Double'; SamplesMs = '1;1;1;1;1' })
        { Compare-Kernel -ReferenceObject $empty -DifferenceObject $other -FailOnRegression -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'FailedCheck,MandelPS.Commands.CompareKernelCommand'
    }
}

Describe 'Views, progress and verbose' {
    It 'shows what tells rows apart in the default table, with sensible digits' {
        $table = Measure-Kernel -Kernel Expanded -Precision Double, Single @small | Format-Table | Out-String -Width 200
        $table | Should -Match 'Precision'
        $table | Should -Not -Match 'Failed' -Because 'a row that failed says so in its median'
        $table | Should -Match '64x48'
        $table | Should -Match '±'
        $table | Should -Not -Match '\d\.\d{6}'
    }

    It 'shows the speedup with its interval for comparisons' {
        $table = Compare-Kernel -Kernel Simd @small -WarningAction SilentlyContinue | Format-Table | Out-String -Width 200
        $table | Should -Match 'Speedup \(95% CI\)'
        $table | Should -Match '\[[\d.]+-[\d.]+\]'
    }

    It 'narrates settings and runs with -Verbose' {
        $verbose = Measure-Kernel -Kernel Simd @small -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'Settings: harness='
        ($verbose.Message -join "`n") | Should -Match 'Simd: 1 runs x \d+, stopped by FixedRuns'
    }
}

Describe 'Fast and wrong' {
    It 'labels lossy kernels with their twin and leaves them out of -All unless asked for' {
        (Get-Kernel LazyEscape).Twin | Should -Be 'Simd'
        (Get-Kernel LazyEscape).IsLossy | Should -BeTrue
        (Measure-Kernel -All -Width 8 -Height 8 -MaxIterations 5 -Runs 1 -Warmup 0 -WarningAction SilentlyContinue).Kernel | Should -Not -Contain 'LazyEscape'
        (Measure-Kernel -All -IncludeLossy -Width 8 -Height 8 -MaxIterations 5 -Runs 1 -Warmup 0 -WarningAction SilentlyContinue).Kernel | Should -Contain 'BuddhabrotUnsynchronized'
    }

    It 'prints the speedup-versus-loss table, every variant against its twin' {
        $rows = Compare-Kernel -Lossy -Width 24 -Height 16 -MaxIterations 60 -Runs 1 -Warmup 0 -WarningAction SilentlyContinue
        ($rows | Where-Object Kernel -EQ 'LazyEscape').Baseline | Sort-Object -Unique | Should -Be 'Simd'
        ($rows.Viewport | Sort-Object -Unique).Count | Should -Be 3
        ($rows | Where-Object { $_.Kernel -eq 'Simd' -and $_.Precision -eq 'Single' }).BaselinePrecision | Sort-Object -Unique | Should -Be 'Double'
        ($rows | Where-Object Kernel -EQ 'LazyEscape' | Measure-Object DifferingPixels -Sum).Sum | Should -BeGreaterThan 0
    }
}

Describe 'One identity for a request' {
    BeforeAll {
        # Requests that differ in every request column a row carries: viewport, tutorial grid, preset,
        # formula and radius, block size, escape interval, threads, precision.
        $requests = @(
            @{ Kernel = 'Simd'; Viewport = -0.79, -0.725, 0.1025, 0.1512; Width = 40; Height = 30; MaxIterations = 300 }
            @{ Kernel = 'VectorBlocked'; BlockSize = 64; Width = 24; Height = 16; MaxIterations = 80 }
            @{ Kernel = 'LazyEscape'; EscapeInterval = 4; Precision = 'Single'; Width = 24; Height = 16; MaxIterations = 80 }
            @{ Kernel = 'FormulaCompiled'; Formula = 'z^3 + c'; EscapeRadius = 2.5; Width = 24; Height = 16; MaxIterations = 60 }
            @{ Kernel = 'Expanded'; TutorialSize = 60; MaxIterations = 40 }
            @{ Kernel = 'ParallelSimd'; Preset = 'BenchmarksGame'; Size = 24 }
            @{ Kernel = 'Parallel'; Threads = 1; Width = 16; Height = 16; MaxIterations = 50 }
        )
        $quick = @{ Runs = 1; Warmup = 0; MinRunTimeMs = 0 }
        $saved = foreach ($request in $requests) { Measure-Kernel @request @quick }
        $cli = Join-Path $PSScriptRoot '../../src/MandelPS.Cli/bin/Release/net10.0/MandelPS.Cli.dll'
    }

    It 'measures exactly the saved problems again, from <Through>' -ForEach @(
        @{ Through = 'Export-Csv and Import-Csv' }, @{ Through = 'ConvertTo-Json and ConvertFrom-Json' }, @{ Through = 'Import-KernelResult' }
    ) {
        $file = Join-Path $TestDrive 'saved'
        $back = switch ($Through) {
            'Export-Csv and Import-Csv' { $saved | Export-Csv "$file.csv"; Import-Csv "$file.csv" }
            'ConvertTo-Json and ConvertFrom-Json' { $saved | ConvertTo-Json | Set-Content "$file.json"; Get-Content "$file.json" -Raw | ConvertFrom-Json }
            'Import-KernelResult' { $saved | Export-Csv "$file.csv"; Import-KernelResult "$file.csv" }
        }
        $again = $back | Measure-Kernel @quick -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $again.RequestKey | Should -Be $saved.RequestKey
        $again.ValidationSum | Should -Be $saved.ValidationSum
    }

    It 'measures rows saved by the CLI the same way' {
        $csv = Join-Path $TestDrive 'cli.csv'
        & dotnet $cli measure -k Simd --viewport=-0.79,-0.725,0.1025,0.1512 -w 40 --height 30 -i 300 --runs 1 --format csv -o $csv | Out-Null
        $again = Import-Csv $csv | Measure-Kernel @quick
        $again.RequestKey | Should -Be $saved[0].RequestKey
        $again.ValidationSum | Should -Be $saved[0].ValidationSum
    }

    It 'compares each piped row with its own request' {
        $rows = $saved[0, 1, 3] | Compare-Kernel @quick -WarningAction SilentlyContinue
        $rows.RequestKey | Should -Be $saved[0, 1, 3].RequestKey
        $rows.Baseline | Should -Be 'Expanded', 'Expanded', 'FormulaSpecialized'
    }

    It 'writes enumerations as names in JSON and fields that do not apply as null' {
        $json = $saved[0] | ConvertTo-Json | ConvertFrom-Json
        $json.Precision | Should -Be 'Double'
        $json.VectorWidth | Should -BeLike 'Bits*'
        $json.BlockSize | Should -BeNullOrEmpty
        $json.TutorialSize | Should -BeNullOrEmpty
        $json.Threads | Should -BeNullOrEmpty
    }

    It 'gives typed rows back, so rows sort by number' {
        $csv = Join-Path $TestDrive 'typed.csv'
        $saved | Export-Csv $csv
        $typed = Import-KernelResult $csv
        $typed[0] | Should -BeOfType MandelPS.Engine.Measurement.KernelMeasurement
        $typed[0].MedianMs | Should -BeOfType double
        ($typed | Sort-Object MedianMs).MedianMs | Should -Be ($saved.MedianMs | Sort-Object)
    }

    It 'matches every row of a sweep compared with itself, as Same, without a warning' {
        $sweep = Measure-Kernel -Kernel VectorBlocked -BlockSize 64, 1024, 8192 -Width 32 -Height 24 -MaxIterations 80 -Runs 6 -Warmup 0 -MinRunTimeMs 0
        $rows = Compare-Kernel -ReferenceObject $sweep -DifferenceObject $sweep -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $rows.BlockSize | Should -Be 64, 1024, 8192
        $rows.Verdict | Should -Be 'Same', 'Same', 'Same'
    }

    It 'takes -DifferenceObject from the pipeline, as Compare-Object does, and names rows without a partner' {
        $sweep = Measure-Kernel -Kernel VectorBlocked -BlockSize 64, 1024 -Width 32 -Height 24 -MaxIterations 80 -Runs 6 -Warmup 0 -MinRunTimeMs 0
        $rows = $sweep[1] | Compare-Kernel -ReferenceObject $sweep -WarningVariable warnings -WarningAction SilentlyContinue
        $rows.BlockSize | Should -Be 1024
        $warnings.Message | Should -Match 'block=64\) has no row in the difference set'
    }

    It 'refuses an option no chosen kernel uses, and warns when only some use it' {
        Measure-Kernel -Kernel Simd -BlockSize 64 @small -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidRequest,MandelPS.Commands.MeasureKernelCommand'
        $err[0].ToString() | Should -Match '^-BlockSize: Simd does not use it; it applies to VectorBlocked'
        $rows = Measure-Kernel -Kernel Simd, VectorBlocked -BlockSize 64 @small -WarningVariable warnings -WarningAction SilentlyContinue
        $rows | ForEach-Object { "$($_.Kernel)=$($_.BlockSize)" } | Should -Be 'Simd=', 'VectorBlocked=64'
        $warnings.Message | Should -Be '-BlockSize applies to VectorBlocked only; Simd runs without it.'
    }

    It 'renders a short image with <Kernel>' -ForEach @(
        @{ Kernel = 'Parallel' }, @{ Kernel = 'ParallelSimd' }, @{ Kernel = 'Expanded' }
    ) {
        $png = Join-Path $TestDrive "short-$Kernel.png"
        (Invoke-Mandelbrot -Kernel $Kernel -Width 8 -Height 3 -MaxIterations 50 -Path $png).Height | Should -Be 3
        Test-Path $png | Should -BeTrue
    }

    It 'reports a worker that fails with the WorkerFailed id, and a missing one with KernelUnavailable' {
        $notACli = Join-Path $TestDrive 'not-a-cli.dll'
        Set-Content $notACli 'not an assembly'
        # The module registers its workers when imported: a fresh pwsh, told to use another CLI.
        $probe = Join-Path $TestDrive 'probe.ps1'
        Set-Content $probe @'
param($module, $worker)
$env:MANDELPS_WORKER_CLI = $worker
Import-Module $module
Invoke-Mandelbrot -Kernel MultiProcess -Width 8 -Height 4 -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
$err[0].FullyQualifiedErrorId
'@
        $module = Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1'
        $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
        [string[]] $self = if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
        & $pwsh @self -NoProfile -NonInteractive -File $probe $module $notACli | Should -Be 'WorkerFailed,MandelPS.Commands.InvokeMandelbrotCommand'
        & $pwsh @self -NoProfile -NonInteractive -File $probe $module (Join-Path $TestDrive 'missing.dll') | Should -Be 'KernelUnavailable,MandelPS.Commands.InvokeMandelbrotCommand'
    }
}

Describe 'Regression gates' {
    BeforeAll {
        . (Join-Path (Get-Module MandelPS).ModuleBase 'MandelPS.Pester.ps1')
        # Saved rows of one run (one RunId): no drift between processes to allow for, so the test alone decides.
        function New-SavedRow([string] $Kernel, [double] $Ms, [string] $Run = 'one-run') {
            [pscustomobject]@{
                Kernel = $Kernel; Viewport = '-2.13,0.77,-1.3,1.3'; Width = 64; Height = 48; MaxIterations = 100; Precision = 'Double'
                SamplesMs = (1..12 | ForEach-Object { [string]($Ms * (1 + 0.001 * $_)) }) -join ';'; RunId = $Run; Status = 'Ok'
            }
        }
    }

    It 'passes Should -NotBeSlowerThan when nothing moved' {
        New-SavedRow Expanded 10 | Should -NotBeSlowerThan (New-SavedRow Expanded 10)
    }

    It 'fails Should -NotBeSlowerThan on a slowdown, naming the kernel, the speedup and its interval' {
        { New-SavedRow Expanded 12 | Should -NotBeSlowerThan (New-SavedRow Expanded 10) } |
            Should -Throw -ExpectedMessage 'Expected every kernel to be no slower than the baseline, but Expanded on Linear/-2.13,0.77,-1.3,1.3/64x48/100/Double: speedup 0.833 `[0.83*-0.83*`] by the Wall clock, Slower.'
    }

    It 'lets a slowdown within -Threshold pass' {
        New-SavedRow Expanded 10.7 | Should -NotBeSlowerThan (New-SavedRow Expanded 10) -Threshold 0.1
    }

    It 'passes Should -BeFasterThan on a speed-up, and fails it when nothing moved' {
        New-SavedRow Expanded 8 | Should -BeFasterThan (New-SavedRow Expanded 10)
        { New-SavedRow Expanded 10 | Should -BeFasterThan (New-SavedRow Expanded 10) } | Should -Throw -ExpectedMessage '*to be faster than the baseline*speedup 1 *Same*'
        New-SavedRow Expanded 10 | Should -Not -BeFasterThan (New-SavedRow Expanded 10)
    }

    It 'judges Compare-Kernel rows as they are' {
        $rows = Compare-Kernel -ReferenceObject (New-SavedRow Expanded 10) -DifferenceObject (New-SavedRow Expanded 12)
        { $rows | Should -NotBeSlowerThan } | Should -Throw -ExpectedMessage '*speedup 0.833*Slower*'
    }

    It 'fails closed when nothing could be compared' {
        { New-SavedRow Simd 10 | Should -NotBeSlowerThan (New-SavedRow Expanded 10) -WarningAction SilentlyContinue } |
            Should -Throw -ExpectedMessage '*but nothing could be compared.'
    }

    It 'calls saved sets of different runs Inconclusive unless their drift was measured' {
        $row = Compare-Kernel -ReferenceObject (New-SavedRow Expanded 10 'run-a') -DifferenceObject (New-SavedRow Expanded 12 'run-b') -WarningAction SilentlyContinue
        $row.Verdict | Should -Be 'Inconclusive'
        $row.Drift | Should -BeNullOrEmpty
        $drifting = (New-SavedRow Expanded 10 'run-a'), (New-SavedRow Expanded 10.5 'run-b') | ForEach-Object { $_ | Add-Member Drift 0.03 -PassThru }
        $row = Compare-Kernel -ReferenceObject $drifting[0] -DifferenceObject $drifting[1] -WarningAction SilentlyContinue
        $row.Drift | Should -Be 0.03
        $row.VerdictReason | Should -Match 'drift between processes \(3%\)'
        $row.DetectableChange | Should -BeGreaterThan 0.08
    }

    It 'measures in worker processes with -Processes, and records CPU time beside wall time' {
        $row = Measure-Kernel -Kernel Simd -Width 40 -Height 30 -MaxIterations 100 -Runs 3 -MinRunTimeMs 0 -Processes 2
        $row.Processes | Should -Be 2
        $row.Drift | Should -BeGreaterOrEqual 0
        ($row.CpuSamplesMs -split ';').Count | Should -Be 6
        $row.CpuMedianMs | Should -BeGreaterThan 0
    }

    It 'refuses a -BaselineBuild path that holds no build with InvalidRequest' {
        { Compare-Kernel -Kernel Simd @small -BaselineBuild (Join-Path $TestDrive 'nowhere') } |
            Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.CompareKernelCommand' -ExpectedMessage '*BaselineBuild: *is not a MandelPS build*'
    }
}

Describe 'What a user sees' {
    BeforeAll {
        $measured = Measure-Kernel -Kernel Expanded, BuddhabrotUnsynchronized, ParallelSimd -Width 64 -Height 48 -MaxIterations 100 -Runs 3 -Warmup 0 -WarningAction SilentlyContinue
        $compared = Compare-Kernel -Kernel ParallelUnsynchronized, Simd -Width 64 -Height 48 -MaxIterations 100 -Runs 5 -Warmup 0 -WarningAction SilentlyContinue
    }

    It 'fits the measurement table in 80 columns with the kernel, the median and the speedup whole' {
        $lines = ($measured | Out-String -Width 80) -split '\r?\n'
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '^Kernel\s+Size\s+Precision\s+Median ms\s+G it/s\s+Speedup$' } | Should -HaveCount 1
        foreach ($row in $measured) {
            $line = $lines | Where-Object { $_ -like "$($row.Kernel) *" }
            $line | Should -Not -BeNullOrEmpty -Because "$($row.Kernel) is shown whole"
            $line | Should -Not -Match '…'
            $line | Should -Match ([regex]::Escape([MandelPS.Engine.Formats.RecordWriter]::Display($row.MedianMs)))
        }
        ($lines | Where-Object { $_ -like 'ParallelSimd *' }) | Should -Match ([regex]::Escape([MandelPS.Engine.Formats.RecordWriter]::Display($measured[-1].Speedup)))
    }

    It 'fits the comparison table in 80 columns, grouped by what it is compared against' {
        $text = $compared | Out-String -Width 80
        ($text -split '\r?\n') | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $text | Should -Match 'Against: Expanded Double'
        $text | Should -Match 'ParallelUnsynchronized\s'
        $text | Should -Match ([regex]::Escape([MandelPS.Engine.Formats.RecordWriter]::Display($compared[0].Speedup) + ' ['))
    }

    It 'offers the Details and Loss views by name' {
        ($measured | Format-Table -View Details | Out-String -Width 250) | Should -Match 'Speedup over'
        ($measured | Format-Table -View Loss | Out-String -Width 120) | Should -Match 'Differing'
        ($compared | Format-Table -View Details | Out-String -Width 250) | Should -Match 'Detectable'
    }

    It 'declares the baseline every speedup is over' {
        $measured.SpeedupBaseline | Should -Be 'Expanded', 'BuddhabrotPrivate', 'Expanded' -Because 'a Buddhabrot is measured against its exact twin'
        $measured.Kernel | Should -Be 'Expanded', 'BuddhabrotUnsynchronized', 'ParallelSimd' -Because 'rows come in the order asked for'
        $rows = Measure-Kernel -Kernel Simd, ParallelSimd -Baseline Simd -Width 64 -Height 48 -MaxIterations 100 -Runs 3 -Warmup 0
        $rows.SpeedupBaseline | Should -Be 'Simd', 'Simd'
        $rows[0].Speedup | Should -Be 1
    }

    It 'names the viewport of every row of the lossy table' {
        $rows = Compare-Kernel -Lossy -Width 16 -Height 16 -MaxIterations 50 -Runs 3 -Warmup 0 -WarningAction SilentlyContinue
        $rows.ViewportName | Sort-Object -Unique | Should -Be 'BoundaryZoom', 'DeepZoom', 'Full'
        ($rows | Format-Table -View Loss | Out-String -Width 80) | Should -Match 'Viewport: DeepZoom'
    }

    It 'aims with -Center and -Zoom, the row carrying the viewport used, and warns of a stretched picture' {
        $aimed = Invoke-Mandelbrot -Width 160 -Height 90 -MaxIterations 20 -Center -0.5, 0.25 -Zoom 4 -Path (Join-Path $TestDrive 'aimed.png') -WarningVariable aimedWarnings
        $aimedWarnings | Should -BeNullOrEmpty
        $viewport = $aimed.Viewport -split ',' | ForEach-Object { [double]::Parse($_, [cultureinfo]::InvariantCulture) }
        ($viewport[1] - $viewport[0]) / ($viewport[3] - $viewport[2]) | Should -BeGreaterThan 1.777
        Invoke-Mandelbrot -Width 160 -Height 90 -MaxIterations 20 -Path (Join-Path $TestDrive 'stretched.png') -WarningVariable stretched -WarningAction SilentlyContinue | Out-Null
        $stretched.Message | Should -Match '^-Viewport .* the picture is stretched; aim with -Center and -Zoom'
    }

    It 'draws the imaginary axis up, and says so in help' {
        $result = Invoke-Mandelbrot -Width 3 -Height 2 -MaxIterations 5 -Viewport -2, 1, 0, 1 -PassThru
        $result.Plan.Grid.Y[0] | Should -BeGreaterThan $result.Plan.Grid.Y[1] -Because 'row 0 is on top'
        (Get-Help Invoke-Mandelbrot -Parameter Viewport).description.Text | Should -Match 'imaginary axis points up'
    }

    It 'skips kernels a wildcard matches that cannot run here, with a warning' {
        $rows = Measure-Kernel -Kernel 'Gpu*', Simd -Width 8 -Height 8 -MaxIterations 10 -Runs 1 -WarningVariable skipped -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        $rows.Kernel | Should -Be 'Simd'
        ($skipped.Message -join "`n") | Should -Match 'Skipping GpuElementwise: .*-Device'
    }

    It 'says what -WhatIf would refuse, instead of what it would write' {
        { Get-Item $TestDrive | Export-KernelReport -Path (Join-Path $TestDrive 'r.md') -WhatIf -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.ExportKernelReportCommand'
    }

    It 'gives real defaults in help' {
        (Get-Help Measure-Kernel -Parameter Threads).defaultValue | Should -Be 'one per core'
        (Get-Help Measure-Kernel -Parameter Width).defaultValue | Should -Match '1000'
    }
}

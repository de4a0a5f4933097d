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
        (Get-Command -Module MandelPS).Name | Sort-Object | Should -Be @('Compare-Kernel', 'Export-KernelReport', 'Get-Kernel', 'Get-KernelCode', 'Get-KernelDevice', 'Invoke-Mandelbrot', 'Measure-Kernel', 'Merge-MandelbrotTile')
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
        $r.Height | Should -Be 10
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
        # 100 iterations: past the 16 stepped ones, groups race; the tutorial's spike near c = -2 keeps the running maximum.
        (Measure-Kernel -Kernel Simd @small).CodePath | Should -Match '^(Stepped|RacedFinalTest|RacedRunningMaximum) '
        (Invoke-Mandelbrot -Kernel ParallelSimd -Width 64 -Height 48 -MaxIterations 100).CodePath | Should -Match 'RacedFinalTest'
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
        $row = Compare-Kernel -ReferenceObject (Import-Csv $a) -DifferenceObject (Import-Csv $b)
        $row.Method | Should -Be 'Saved'
        $row.Verdict | Should -BeIn @('Faster', 'Same', 'Slower')
        $row.Width | Should -Be 32
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
            $row = Compare-Kernel -ReferenceObject (Import-Csv $a) -DifferenceObject (Import-Csv $b) -WarningVariable warnings
            $row.Verdict | Should -BeIn @('Faster', 'Same', 'Slower')
            $warnings | Where-Object { $_ -match 'settings' } | Should -BeNullOrEmpty -Because 'identical settings read the same in every culture'
            (Import-Csv $a).Settings | Should -Match 'minRunTimeMs=50;'
        }
        finally {
            [System.Globalization.CultureInfo]::CurrentCulture = $culture
        }
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
        $table | Should -Match 'Threads'
        $table | Should -Match 'Status'
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

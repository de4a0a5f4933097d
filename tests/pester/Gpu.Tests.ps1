#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The GPU kernels inside the module, on the devices this machine really has: ILGPU's CPU accelerator
# always, pocl (OpenCL on the CPU) where CI installs it. ILGPU and Silk.NET load from the module folder
# into a pwsh whose own runtime carries other versions of their dependencies (System.Text.Json).

BeforeDiscovery {
    $hasPocl = Test-Path '/etc/OpenCL/vendors/pocl.icd'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/MandelPS/MandelPS.psd1') -Force
    $small = @{ Width = 48; Height = 32; MaxIterations = 100 }
}

AfterAll {
    Remove-Module MandelPS -ErrorAction SilentlyContinue
}

Describe 'Get-KernelDevice' {
    It 'lists ILGPU''s CPU accelerator as a usable device' {
        $cpu = Get-KernelDevice cpu
        $cpu.Backend | Should -Be 'ILGPU'
        $cpu.IsUsable | Should -BeTrue
        $cpu.SupportsDouble | Should -BeTrue
    }

    It 'says why a backend has no device' {
        Get-KernelDevice | Where-Object { -not $_.IsUsable } | ForEach-Object { $_.Reason | Should -Not -BeNullOrEmpty }
    }

    It 'filters with -Usable and binds names from the pipeline' {
        (Get-KernelDevice -Usable).IsUsable | Should -Not -Contain $false
        ([pscustomobject]@{ Id = 'cpu' } | Get-KernelDevice).Id | Should -Be 'cpu'
    }

    It 'completes device ids for -Device' {
        $completions = TabExpansion2 -inputScript 'Invoke-Mandelbrot -Device c' -cursorColumn 27
        $completions.CompletionMatches.CompletionText | Should -Contain 'cpu'
    }

    It 'lists pocl where it is installed' -Skip:(-not $hasPocl) {
        (Get-KernelDevice pocl*).Type | Should -Be 'Cpu'
    }
}

Describe 'GPU kernels in the module' {
    It 'renders on the CPU accelerator with the reference''s validation sum, and reports its phases' {
        $reference = Invoke-Mandelbrot -Kernel Expanded @small
        $gpu = Invoke-Mandelbrot -Kernel GpuElementwise -Device cpu @small
        $gpu.ValidationSum | Should -Be $reference.ValidationSum
        $gpu.Device | Should -Be 'cpu'
        $gpu.DeviceName | Should -Be 'ILGPU CPU accelerator'
        $gpu.Phases | Should -Match 'Compute='
    }

    It 'runs GpuSource on pocl, exact' -Skip:(-not $hasPocl) {
        $row = Measure-Kernel -Kernel GpuSource -Device pocl* @small -Runs 2 -Warmup 0
        $row.Status | Should -Be 'Ok'
        $row.DifferingPixels | Should -Be 0
        $row.TimeIncludes | Should -Be 'Upload+Compute+Download'
    }

    It 'without a GPU, refuses a GPU kernel with KernelUnavailable and the way to run it on a CPU device' {
        Invoke-Mandelbrot -Kernel GpuElementwise @small -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'KernelUnavailable,MandelPS.Commands.InvokeMandelbrotCommand'
        $err[0].ToString() | Should -Match 'choose it: -Device cpu' -Because 'a PowerShell error speaks PowerShell'
    }

    It 'skips the GPU kernels under -All with a warning when there is no GPU' {
        $rows = Measure-Kernel -All -Width 16 -Height 8 -MaxIterations 20 -Runs 1 -Warmup 0 -WarningVariable warnings -WarningAction SilentlyContinue
        $rows.Kernel | Should -Not -Contain 'GpuElementwise'
        ($warnings -join "`n") | Should -Match 'GpuElementwise'
    }

    It 'runs every GPU kernel on the CPU accelerator on purpose with -Device cpu, each exact' {
        $rows = Measure-Kernel -Kernel GpuArrayOps, GpuElementwise, GpuGridStride -Device cpu -Width 12 -Height 9 -MaxIterations 30 -Runs 1 -Warmup 0
        $rows.Status | Should -Be @('Ok', 'Ok', 'Ok')
        $rows.DifferingPixels | Should -Be @(0, 0, 0)
    }

    It 'refuses a group size beyond its range with InvalidRequest naming -GroupSize' {
        { Invoke-Mandelbrot -Kernel GpuGridStride -Device cpu -GroupSize 0 @small -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.InvokeMandelbrotCommand'
    }
}

Describe 'Get-KernelCode for GPU kernels' {
    It 'lists the PTX ILGPU generates, without a GPU' {
        $code = Get-KernelCode -Kernel GpuElementwise -Stage Ptx
        $code.Kernel | Should -Be 'GpuElementwise'
        $code.Code | Should -Match '\.entry'
    }

    It 'lists every stage of a kernel when none is named, and binds -Kernel from Get-Kernel' {
        (Get-KernelCode -Kernel GpuGridStride).Stage | Should -Be @('Ptx', 'OpenCL')
        (Get-Kernel GpuSource | Get-KernelCode).Code | Should -Match 'FP_CONTRACT OFF'
    }

    It 'lists the OpenCL C generated for a formula' {
        (Get-KernelCode -Formula 'z^3 + c' -Stage Gpu).Code | Should -Match '__kernel void escape'
    }

    It 'refuses a stage the kernel has not with InvalidRequest' {
        { Get-KernelCode -Kernel GpuSource -Stage Ptx -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRequest,MandelPS.Commands.GetKernelCodeCommand'
    }

    It 'runs a formula on pocl, equal to the CPU strategies' -Skip:(-not $hasPocl) {
        $rows = Measure-Kernel -Kernel FormulaGpu -Formula 'conj(z)^2 + c' -Device pocl* -Width 40 -Height 30 -MaxIterations 100 -Runs 1 -Warmup 0
        $rows.Status | Should -Be 'Ok'
        $rows.DifferingPixels | Should -Be 0
        $rows.CompileMs | Should -BeGreaterOrEqual 0
    }
}

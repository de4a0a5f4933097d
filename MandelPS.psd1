@{
    RootModule           = 'MandelPS.dll'
    ModuleVersion        = '0.2.0'
    GUID                 = '6a0f3c52-8d4e-4b7e-9a51-2f1c7d9e4b13'
    Author               = 'MandelPS'
    CompanyName          = 'MandelPS'
    Copyright            = '(c) MandelPS. All rights reserved.'
    Description          = 'A Mandelbrot kernel laboratory: the High Performance Python journey in compiled C# cmdlets — every technique from naive code to SIMD on all cores, measured and checked against one reference.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    # The same relative path in the repository and in the assembled module, so both manifests load as they are.
    FormatsToProcess     = @('module/MandelPS.format.ps1xml')
    CmdletsToExport      = @('Get-Kernel', 'Get-KernelDevice', 'Get-KernelLimit', 'Get-KernelCode', 'Invoke-Mandelbrot', 'Measure-Kernel', 'Compare-Kernel', 'Export-KernelReport', 'Import-KernelResult', 'Merge-MandelbrotTile')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('Mandelbrot', 'Benchmark', 'SIMD', 'Performance', 'HPC')
        }
    }
}

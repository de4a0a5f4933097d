using System.Management.Automation;
using MandelPS.Engine.Measurement;

namespace MandelPS.Commands;

/// <summary>
/// <para type="synopsis">Measures this machine's arithmetic limit for z^2 + c: the ceiling every measured row is held to.</para>
/// <para type="description">Times the bare exact step (3 multiplies and 4 adds, or its exact twin with 4 and 3, no escape test) with twelve independent orbits in flight, at the widest vector width this machine accelerates, on one core and on every core, in both precisions. No exact kernel can run faster; Measure-Kernel's rows carry the figure for their precision and cores as LimitGIterPerSec and their own rate as PercentOfLimit. Probed once per session (a fraction of a second); a figure that a measured kernel reaches is probed again, and only ever rises.</para>
/// </summary>
/// <example>
/// <code>Get-KernelLimit</code>
/// <para>The four ceilings: Double and Single, one core and all cores.</para>
/// </example>
/// <example>
/// <code>Measure-Kernel -Kernel Simd, ParallelSimd | Format-Table Kernel, Precision, GIterPerSec, LimitGIterPerSec, PercentOfLimit</code>
/// <para>How close the SIMD kernels come to the ceiling.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "KernelLimit")]
[OutputType(typeof(KernelLimit))]
public sealed class GetKernelLimitCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        WriteVerbose("Probing the bare z^2 + c step on one core and on every core, in both precisions.");
        WriteObject(ArithmeticLimit.All, enumerateCollection: true);
    }
}

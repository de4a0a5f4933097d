using MandelPS.Engine.Kernels;

namespace MandelPS.Engine.Measurement;

/// <summary>Does nothing: timing it measures what the harness itself costs per run.</summary>
internal sealed class EmptyKernel : Kernel
{
    public override string Name => "Empty";

    public override string Technique => "nothing: the measurement harness's own overhead";

    public override KernelFamily Family => KernelFamily.Scalar;

    public override bool IsExact => false;

    public override void Compute<T>(KernelJob<T> job)
    {
    }
}

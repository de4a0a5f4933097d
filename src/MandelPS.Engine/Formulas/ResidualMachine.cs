using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// Runs residual code directly: a register file and one tight loop over flat instructions, with no
/// tree, no boxes and no complex numbers left; the only dispatch is on the operation. Each
/// instruction is applied to <see cref="Slots"/> pixels before the next is decoded (the register file
/// holds one column per slot), so decoding is paid once per group and the slots' independent
/// arithmetic overlaps; a slot whose pixel escapes takes the row's next pixel. What a partial
/// evaluator buys without generating any machine code. Per pixel, exactly the residual code's operations.
/// </summary>
internal sealed class ResidualMachine<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Pixels in flight: enough to amortise decoding and hide latency, few enough that a row's tail wastes little.</summary>
    public const int Slots = 8;

    private readonly ResidualInstruction[] _code;
    private readonly T[] _constants;
    private readonly int _registers;
    private readonly int _nextZx;
    private readonly int _nextZy;
    private readonly T _radiusSquared;

    public ResidualMachine(ResidualProgram program)
    {
        _code = [.. program.Instructions];
        _constants = [.. program.Constants.Select(T.CreateTruncating)];
        _registers = program.RegisterCount;
        _nextZx = program.NextZx;
        _nextZy = program.NextZy;
        _radiusSquared = T.CreateTruncating(program.EscapeRadiusSquared);
    }

    /// <summary>One row into output: n such that |z_(n+1)|^2 &gt; radius^2, or maxIterations, per pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SolveRow(ReadOnlySpan<T> xs, T cy, int maxIterations, Span<int> output, CancellationToken cancellation)
    {
        var file = new T[_registers * Slots];
        for (var k = 0; k < _constants.Length; k++)
        {
            file.AsSpan((ResidualProgram.FirstConstant + k) * Slots, Slots).Fill(_constants[k]);
        }

        file.AsSpan(ResidualProgram.Cy * Slots, Slots).Fill(cy);
        Span<int> pixel = stackalloc int[Slots];
        Span<int> n = stackalloc int[Slots];
        var next = 0;
        var busy = 0;
        for (var s = 0; s < Slots; s++)
        {
            pixel[s] = Start(file, s, xs, ref next);
            busy += pixel[s] >= 0 ? 1 : 0;
        }

        ref var r = ref MemoryMarshal.GetArrayDataReference(file);
        while (busy > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            Step(ref r);
            for (var s = 0; s < Slots; s++)
            {
                if (pixel[s] < 0)
                {
                    continue;
                }

                var zx = Unsafe.Add(ref r, _nextZx * Slots + s);
                var zy = Unsafe.Add(ref r, _nextZy * Slots + s);
                Unsafe.Add(ref r, ResidualProgram.Zx * Slots + s) = zx;
                Unsafe.Add(ref r, ResidualProgram.Zy * Slots + s) = zy;
                // The reference's loop: escaping at iteration n counts n; surviving every iteration counts maxIterations.
                if (zx * zx + zy * zy > _radiusSquared || ++n[s] >= maxIterations)
                {
                    output[pixel[s]] = n[s];
                    n[s] = 0;
                    pixel[s] = Start(file, s, xs, ref next);
                    busy -= pixel[s] >= 0 ? 0 : 1;
                }
            }
        }
    }

    /// <summary>Puts the row's next pixel in a slot with z = 0; -1 when the row has none left.</summary>
    private static int Start(T[] file, int slot, ReadOnlySpan<T> xs, ref int next)
    {
        if (next >= xs.Length)
        {
            return -1;
        }

        file[ResidualProgram.Zx * Slots + slot] = T.Zero;
        file[ResidualProgram.Zy * Slots + slot] = T.Zero;
        file[ResidualProgram.Cx * Slots + slot] = xs[next];
        return next++;
    }

    /// <summary>One iteration of every slot: each instruction decoded once, applied to all slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step(ref T r)
    {
        ref var code = ref MemoryMarshal.GetArrayDataReference(_code);
        for (var k = 0; k < _code.Length; k++)
        {
            var instruction = Unsafe.Add(ref code, k);
            ref var target = ref Unsafe.Add(ref r, instruction.Target * Slots);
            ref var a = ref Unsafe.Add(ref r, instruction.Left * Slots);
            // Unary operations have Right = -1: point at a harmless register instead of branching.
            ref var b = ref Unsafe.Add(ref r, Math.Max(instruction.Right, 0) * Slots);
            switch (instruction.Op)
            {
                case ResidualOp.Add: Apply<AddOp>(ref target, ref a, ref b); break;
                case ResidualOp.Subtract: Apply<SubtractOp>(ref target, ref a, ref b); break;
                case ResidualOp.Multiply: Apply<MultiplyOp>(ref target, ref a, ref b); break;
                case ResidualOp.Divide: Apply<DivideOp>(ref target, ref a, ref b); break;
                case ResidualOp.Negate: Apply<NegateOp>(ref target, ref a, ref b); break;
                default: for (var s = 0; s < Slots; s++) { Unsafe.Add(ref target, s) = Call(instruction.Op, Unsafe.Add(ref a, s), Unsafe.Add(ref b, s)); } break;
            }
        }
    }

    /// <summary>One operation on every slot, written out: no loop counter between the slots' independent operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Apply<TOp>(ref T target, ref T a, ref T b)
        where TOp : struct, ISlotOp
    {
        Debug.Assert(Slots == 8, "written out for eight slots");
        target = TOp.Of(a, b);
        Unsafe.Add(ref target, 1) = TOp.Of(Unsafe.Add(ref a, 1), Unsafe.Add(ref b, 1));
        Unsafe.Add(ref target, 2) = TOp.Of(Unsafe.Add(ref a, 2), Unsafe.Add(ref b, 2));
        Unsafe.Add(ref target, 3) = TOp.Of(Unsafe.Add(ref a, 3), Unsafe.Add(ref b, 3));
        Unsafe.Add(ref target, 4) = TOp.Of(Unsafe.Add(ref a, 4), Unsafe.Add(ref b, 4));
        Unsafe.Add(ref target, 5) = TOp.Of(Unsafe.Add(ref a, 5), Unsafe.Add(ref b, 5));
        Unsafe.Add(ref target, 6) = TOp.Of(Unsafe.Add(ref a, 6), Unsafe.Add(ref b, 6));
        Unsafe.Add(ref target, 7) = TOp.Of(Unsafe.Add(ref a, 7), Unsafe.Add(ref b, 7));
    }

    private static T Call(ResidualOp op, T a, T b) => op switch
    {
        ResidualOp.Abs => T.Abs(a),
        ResidualOp.Sqrt => T.Sqrt(a),
        ResidualOp.Exp => T.Exp(a),
        ResidualOp.Cos => T.Cos(a),
        ResidualOp.Sin => T.Sin(a),
        ResidualOp.Atan2 => T.Atan2(a, b),
        _ => T.Pow(a, b),
    };

    /// <summary>An arithmetic operation the machine applies slot by slot (the JIT specialises Apply per struct).</summary>
    private interface ISlotOp
    {
        static abstract T Of(T a, T b);
    }

    private readonly struct AddOp : ISlotOp
    {
        public static T Of(T a, T b) => a + b;
    }

    private readonly struct SubtractOp : ISlotOp
    {
        public static T Of(T a, T b) => a - b;
    }

    private readonly struct MultiplyOp : ISlotOp
    {
        public static T Of(T a, T b) => a * b;
    }

    private readonly struct DivideOp : ISlotOp
    {
        public static T Of(T a, T b) => a / b;
    }

    private readonly struct NegateOp : ISlotOp
    {
        public static T Of(T a, T b) => -a;
    }
}

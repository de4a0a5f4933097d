using System.Numerics;
using System.Runtime.InteropServices;
using MandelPS.Engine.Formulas;
using MandelPS.Engine.Kernels;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Formulas;

/// <summary>
/// The generated race code's contract, which FormulaVectorized's pool relies on: blocks that pass move
/// every slot on exactly as stepping would; in the block where a lane escapes, only the slots where one
/// did stay at the block's start (to be stepped), the others take the block. Checked against the
/// generated step code on the same state, at every accelerated width (at 512 bits with four slots and
/// six, either of which the machine may choose), in both precisions, with the final test (z^2 + c,
/// |c| &lt;= 1.9) and the running maximum (z^3 + c).
/// </summary>
public sealed class VectorRaceTests
{
    public static TheoryData<string, VectorWidth, int, Precision> Cases()
    {
        var cases = new TheoryData<string, VectorWidth, int, Precision>();
        foreach (var formula in new[] { "z^2 + c", "z^3 + c" })
        {
            foreach (var width in AcceleratedWidths.All)
            {
                foreach (var inFlight in width == VectorWidth.Bits512 ? new[] { 4, 6 } : [6])
                {
                    cases.Add(formula, width, inFlight, Precision.Double);
                    cases.Add(formula, width, inFlight, Precision.Single);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BlocksThatPass_MoveEverySlotAsStepping(string formula, VectorWidth width, int inFlight, Precision precision)
    {
        if (precision == Precision.Single)
        {
            BlocksThatPass<float>(formula, width, inFlight);
        }
        else
        {
            BlocksThatPass<double>(formula, width, inFlight);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ABlockWhereOneLaneEscapes_IsLeftToStep_OnlyInItsSlot(string formula, VectorWidth width, int inFlight, Precision precision)
    {
        if (precision == Precision.Single)
        {
            OneLaneEscapes<float>(formula, width, inFlight);
        }
        else
        {
            OneLaneEscapes<double>(formula, width, inFlight);
        }
    }

    private static void BlocksThatPass<T>(string formula, VectorWidth width, int inFlight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var code = FormulaStages.Vectorized<T>(Formula.Parse(formula), width, PhaseLog.Discard, inFlight);
        var state = Fresh<T>(width, inFlight, (slot, lane) => Inside(formula) + (slot * 7 + lane) * 1e-3); // every orbit stays inside
        var stepped = state.ToArray();

        var raced = code.Race(ref state[0], 16, 5);

        code.Step(ref stepped[0], 80);
        Assert.Equal(5, VectorCompiler.BlocksPassed(raced)); // every block passed
        Assert.Equal(0, VectorCompiler.FailedSlots(raced));
        Assert.Equal(formula == "z^2 + c" ? VectorCompiler.RacedFinalTest : VectorCompiler.RacedRunningMaximum, VectorCompiler.TestOf(raced));
        Assert.Equal(stepped, state); // z bit for bit, counts, iterating lanes
    }

    private static void OneLaneEscapes<T>(string formula, VectorWidth width, int inFlight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // One lane of slot 1 escapes in the third block of 16 (iterations 33-48); every other orbit stays inside.
        var code = FormulaStages.Vectorized<T>(Formula.Parse(formula), width, PhaseLog.Discard, inFlight);
        var escaping = EscapingAt<T>(formula, 35, 45);
        var state = Fresh<T>(width, inFlight, (slot, lane) => slot == 1 && lane == 1 ? escaping : Inside(formula));
        var atFailedBlockStart = state.ToArray();
        var atFailedBlockEnd = state.ToArray();
        code.Step(ref atFailedBlockStart[0], 32);
        code.Step(ref atFailedBlockEnd[0], 48);

        var raced = code.Race(ref state[0], 16, 5);

        Assert.Equal(2, VectorCompiler.BlocksPassed(raced)); // two blocks passed
        Assert.Equal(1 << 1, VectorCompiler.FailedSlots(raced)); // slot 1 failed the third
        Assert.Equal(inFlight, code.InFlight);
        var slotBytes = state.Length / inFlight;
        for (var slot = 0; slot < inFlight; slot++)
        {
            var expected = slot == 1 ? atFailedBlockStart : atFailedBlockEnd;
            Assert.True(expected.AsSpan(slot * slotBytes, slotBytes).SequenceEqual(state.AsSpan(slot * slotBytes, slotBytes)), $"slot {slot}");
        }
    }

    /// <summary>A state of fresh orbits (z = 0, every lane iterating, counts 0) with c = (<paramref name="cx"/>(slot, lane), 0).</summary>
    private static byte[] Fresh<T>(VectorWidth width, int slots, Func<int, int, double> cx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var state = new byte[VectorCompiler.StateBytes<T>(width, slots)];
        var vectorBytes = state.Length / slots / VectorCompiler.StateFields;
        var lanes = vectorBytes / Marshal.SizeOf<T>();
        for (var slot = 0; slot < slots; slot++)
        {
            Span<byte> Field(int field) => state.AsSpan((slot * VectorCompiler.StateFields + field) * vectorBytes, vectorBytes);
            Field(VectorCompiler.ActiveField).Fill(0xFF);
            var c = MemoryMarshal.Cast<byte, T>(Field(VectorCompiler.CxField));
            for (var lane = 0; lane < lanes; lane++)
            {
                c[lane] = T.CreateTruncating(cx(slot, lane));
            }
        }

        return state;
    }

    /// <summary>A real c whose orbit stays well inside the radius (an attracting fixed point).</summary>
    private static double Inside(string formula) => formula == "z^2 + c" ? -0.5 : -0.3;

    /// <summary>A real c &gt; 0 whose orbit escapes at an iteration from <paramref name="first"/> to <paramref name="last"/>, in T.</summary>
    private static double EscapingAt<T>(string formula, int first, int last)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var power = formula == "z^2 + c" ? 2 : 3;
        for (var c = 0.2; c < 1; c += 1e-4)
        {
            var (z, cT, n) = (T.Zero, T.CreateTruncating(c), 0);
            while (n < last && z * z <= T.CreateTruncating(4))
            {
                z = (power == 2 ? z * z : z * z * z) + cT;
                n++;
            }

            if (n >= first && z * z > T.CreateTruncating(4))
            {
                return c;
            }
        }

        throw new InvalidOperationException($"no real c escapes {formula} at {first}-{last}");
    }
}

using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// Escape counts of <see cref="VectorCompiler.InFlight"/> registers of pixels on one row, starting at
/// x[0]: the signature of vectorised residual code. Counts go to counts[0 .. InFlight * lanes). With
/// <paramref name="raceFirst"/> the first iterations, which are otherwise stepped, are raced first (and
/// stepped only if a lane escaped in them): worth it where the caller expects every lane to survive them.
/// Returns the ways it raced blocks, as bits: 1 &lt;&lt; <see cref="VectorCompiler.RacedRunningMaximum"/>,
/// 1 &lt;&lt; <see cref="VectorCompiler.RacedFinalTest"/> and, if its first iterations were raced with no
/// lane escaping, 1 &lt;&lt; <see cref="VectorCompiler.RacedFromStart"/> (0: every iteration stepped).
/// </summary>
internal delegate int VectorGroupFunction<T>(ref T x, T cy, int maxIterations, ref int counts, bool raceFirst);

/// <summary>
/// Compiles residual code to vector code with Reflection.Emit: the Simd kernel's technique for any
/// formula. Each register of residual code becomes a Vector128/256/512 local per register of
/// pixels, four registers in flight so their dependency chains overlap; each lane keeps its own
/// "still iterating" mask and counter (the engine's <see cref="ILanes{TVec, T}"/> operations), and a
/// group ends when every lane has escaped. Three methods per formula: a step method (the exact
/// iteration and escape test), a race method (blocks of iterations with no test, keeping each lane's
/// largest |z|^2, as the Simd kernel races where escapes may not be permanent) and the group method
/// that drives them, stepping the first iterations, racing blocks after them, and stepping exactly a
/// block in which a lane escaped. Each has the vector registers to itself; the orbits pass between
/// them through memory once per block. Arithmetic, sqrt and abs are one vector instruction each
/// and negation flips the sign bit, the same bits as the scalar operations; exp, cos, sin, atan2 and
/// pow go lane by lane through the scalar function (<see cref="LaneByLane"/>).
/// </summary>
internal static class VectorCompiler
{
    /// <summary>
    /// Registers of pixels per call, stepped side by side. Six at 256 and 128 bits, where a 3-cycle
    /// multiply or add issues on two pipes and four orbits leave them waiting on the step's chain of
    /// three (with z written in place, six fit AVX2's 16 registers: +10-15% for z^2 + c, one AVX2-only
    /// alternating run); four at 512 bits, where the pipes are half as many a vector and 48-pixel groups
    /// of six wasted more lanes on the standard view (-8-12%) than they gained where nothing escapes.
    /// </summary>
    public static int InFlight(VectorWidth width) => width == VectorWidth.Bits512 ? 4 : 6;

    // The test a race function raced a block with; it returns (test << 1) | 1 if no lane escaped in the block, test << 1 if one did.
    public const int RacedRunningMaximum = 1;
    public const int RacedFinalTest = 2;
    public const int RacedFromStart = 3;

    public static (VectorGroupFunction<T> Function, string Il) Compile<T>(ResidualProgram program, VectorWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (lanesType, vectorType, vectorClass) = width switch
        {
            VectorWidth.Bits128 => (typeof(Lanes128<T>), typeof(Vector128<T>), typeof(Vector128)),
            VectorWidth.Bits256 => (typeof(Lanes256<T>), typeof(Vector256<T>), typeof(Vector256)),
            VectorWidth.Bits512 => (typeof(Lanes512<T>), typeof(Vector512<T>), typeof(Vector512)),
            _ => throw new ArgumentOutOfRangeException(nameof(width), width, "vector code needs an accelerated width"),
        };
        Type[] orbitsInState = [typeof(T).MakeByRefType(), typeof(T), typeof(int), typeof(byte).MakeByRefType()];
        var inFlight = InFlight(width);
        var step = new Emitter<T>(program, lanesType, vectorType, vectorClass, inFlight, "Step", typeof(bool), orbitsInState);
        var race = new Emitter<T>(program, lanesType, vectorType, vectorClass, inFlight, "Race", typeof(int), orbitsInState);
        var group = new Emitter<T>(program, lanesType, vectorType, vectorClass, inFlight, "Group", typeof(int), [typeof(T).MakeByRefType(), typeof(T), typeof(int), typeof(int).MakeByRefType(), typeof(bool)]);
        var solve = group.EmitGroup(step.EmitStep(), race.EmitRace());
        return (solve, string.Join(Environment.NewLine, group.Listing, step.Listing, race.Listing));
    }

    /// <summary>Pixels one call solves at this width.</summary>
    public static int PixelsPerCall<T>(VectorWidth width)
        where T : unmanaged => InFlight(width) * width switch
        {
            VectorWidth.Bits128 => Vector128<T>.Count,
            VectorWidth.Bits256 => Vector256<T>.Count,
            _ => Vector512<T>.Count,
        };

    private sealed class Emitter<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ResidualProgram _program;
        private readonly int _inFlight;
        private readonly Type _lanes;
        private readonly Type _vector;
        private readonly Type _vectorClass;
        private readonly int _laneCount;
        private readonly int _vectorBytes;
        private readonly DynamicMethod _method;
        private readonly IlRecorder _il;
        private readonly Dictionary<string, MethodInfo> _methods = [];
        private LocalBuilder? _minusZero;
        private LocalBuilder? _two;

        public Emitter(ResidualProgram program, Type lanes, Type vector, Type vectorClass, int inFlight, string role, Type returns, Type[] parameters)
        {
            _program = program;
            _inFlight = inFlight;
            _lanes = lanes;
            _vector = vector;
            _vectorClass = vectorClass;
            _laneCount = (int)vector.GetProperty("Count")!.GetValue(null)!;
            _vectorBytes = _laneCount * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            _method = new DynamicMethod($"FormulaVector{role}_{vector.Name}_{typeof(T).Name}", returns, parameters, typeof(VectorCompiler).Module, skipVisibility: true);
            _il = new IlRecorder(_method.GetILGenerator());
            _il.Comment($"{_method.Name}({string.Join(", ", parameters.Select(p => p.Name))})");
            _zxInPlace = WritesInPlace(program.NextZx, ResidualProgram.Zx, program.NextZy);
            _zyInPlace = WritesInPlace(program.NextZy, ResidualProgram.Zy, program.NextZx);
        }

        // Whether the instruction that makes the next zx (zy) writes zx (zy) itself rather than a register
        // copied there after the residual code: a loop-carried z made in a local of its own got registers of
        // its own from the JIT, and on an AVX2 JIT eight vectors were moved back at every step's end.
        private readonly bool _zxInPlace;
        private readonly bool _zyInPlace;

        /// <summary>
        /// True if the instruction making <paramref name="next"/> may write <paramref name="z"/>'s local:
        /// nothing after it reads the old z part or the register, and the other part of the next z is
        /// neither (<paramref name="otherNext"/>, which <see cref="NextZ"/> reads after the residual code).
        /// </summary>
        private bool WritesInPlace(int next, int z, int otherNext)
        {
            var instructions = _program.Instructions;
            var at = instructions.ToList().FindIndex(i => i.Target == next);
            if (at < 0 || next == otherNext || otherNext == z || SquaresOfZ() is var (x, y) && (next == x || next == y))
            {
                return false;
            }

            return !instructions.Skip(at + 1).Any(i => i.Left == z || i.Right == z || i.Left == next || i.Right == next);
        }

        public string Listing => _il.Listing;

        /// <summary>
        /// The group function, a driver with no vectors of its own: <see cref="InFlight"/> registers of
        /// pixels from x (argument 0) on row cy (1) to maxIterations (2), counts to argument 3. The first
        /// iterations are stepped exactly (<paramref name="step"/>), then blocks are raced
        /// (<paramref name="race"/>); a block in which a lane escaped, and a last stretch too short to
        /// race, are stepped exactly. The orbits' state passes through memory between the two: each has
        /// the registers to itself (the runtime spills a vector live across a call).
        /// </summary>
        public VectorGroupFunction<T> EmitGroup(DynamicMethod step, DynamicMethod race)
        {
            var il = _il;
            var n = il.Local(typeof(int), "n");
            var length = il.Local(typeof(int), "length");
            var raced = il.Local(typeof(int), "raced");
            var paths = il.Local(typeof(int), "paths");
            var state = il.Local(typeof(byte).MakeByRefType(), "state");
            var vector = il.Local(_vector, "v");
            il.Emit(OpCodes.Ldc_I4, _inFlight * StateFields * _vectorBytes);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Localloc); // zeroed: z = 0, count = 0
            il.Emit(OpCodes.Stloc, state);
            for (var v = 0; v < _inFlight; v++)
            {
                il.Emit(OpCodes.Call, _lanes.GetProperty("AllBitsSet")!.GetMethod!);
                il.Emit(OpCodes.Stloc, vector);
                StoreState(state, v, ActiveField, vector);
            }

            // n: iterations made. Step exactly to RaceAfter (or the end).
            var (next, exact, advance, done) = (il.Label("next"), il.Label("exact"), il.Label("advance"), il.Label("done"));
            il.Emit(OpCodes.Ldc_I4, SimdRows<T>.RaceAfter);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Call, typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!);
            il.Emit(OpCodes.Stloc, length);

            // Asked to (raceFirst), race those first iterations from z_0; step them only if a lane escaped.
            il.Emit(OpCodes.Ldarg_S, (byte)4);
            il.Emit(OpCodes.Brfalse, exact);
            Race(race, state, length, raced, exact);
            Passed(raced);
            il.Emit(OpCodes.Brfalse, exact);
            il.Emit(OpCodes.Ldc_I4, 1 << RacedFromStart);
            il.Emit(OpCodes.Stloc, paths);
            il.Emit(OpCodes.Br, advance);

            // Race the next block (the remaining iterations, if fewer); if no lane escaped in it, go on.
            il.Mark(next);
            il.Emit(OpCodes.Ldloc, n);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Bge, done);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldloc, n);
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Ldc_I4, SimdRows<T>.RaceLength);
            il.Emit(OpCodes.Call, typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!);
            il.Emit(OpCodes.Stloc, length);
            Race(race, state, length, raced, exact);
            il.Emit(OpCodes.Ldloc, paths); // paths |= 1 << (raced >> 1), whether or not the block passed
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Ldloc, raced);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Shr);
            il.Emit(OpCodes.Shl);
            il.Emit(OpCodes.Or);
            il.Emit(OpCodes.Stloc, paths);
            Passed(raced);
            il.Emit(OpCodes.Brtrue, advance);

            // Step exactly through length iterations; done early once no lane iterates.
            il.Mark(exact);
            Call(step, state, length);
            il.Emit(OpCodes.Brfalse, done);
            il.Mark(advance);
            il.Emit(OpCodes.Ldloc, n);
            il.Emit(OpCodes.Ldloc, length);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc, n);
            il.Emit(OpCodes.Br, next);

            il.Mark(done);
            for (var v = 0; v < _inFlight; v++)
            {
                LoadState(state, v, CountField, vector);
                il.Emit(OpCodes.Ldloc, vector);
                il.Emit(OpCodes.Ldarg_3);
                Offset(v * _laneCount * sizeof(int));
                il.Emit(OpCodes.Call, Lanes("StoreAllCounts"));
            }

            il.Emit(OpCodes.Ldloc, paths);
            il.Emit(OpCodes.Ret);
            return (VectorGroupFunction<T>)_method.CreateDelegate(typeof(VectorGroupFunction<T>));
        }

        /// <summary>
        /// Races <paramref name="length"/> iterations into <paramref name="raced"/> (the race function's
        /// (test &lt;&lt; 1) | passed), or goes to <paramref name="tooShort"/> where that is too short to race.
        /// </summary>
        private void Race(DynamicMethod race, LocalBuilder state, LocalBuilder length, LocalBuilder raced, Label tooShort)
        {
            _il.Emit(OpCodes.Ldloc, length);
            _il.Emit(OpCodes.Ldc_I4, SimdRows<T>.ShortestRace);
            _il.Emit(OpCodes.Blt, tooShort);
            Call(race, state, length);
            _il.Emit(OpCodes.Stloc, raced);
        }

        /// <summary>Leaves whether the race in <paramref name="raced"/> passed (no lane escaped in it) on the stack.</summary>
        private void Passed(LocalBuilder raced)
        {
            _il.Emit(OpCodes.Ldloc, raced);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.And);
        }

        /// <summary>Calls a step or race function with this group's x and cy, the state and a number of iterations; its bool is left on the stack.</summary>
        private void Call(DynamicMethod function, LocalBuilder state, LocalBuilder iterations)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldarg_1);
            _il.Emit(OpCodes.Ldloc, iterations);
            _il.Emit(OpCodes.Ldloc, state);
            _il.Emit(OpCodes.Call, function);
        }

        /// <summary>
        /// The step function: the orbits in state (argument 3), with c from x (0) and cy (1), stepped
        /// exactly through iterations (2) as the reference steps them: the residual code, then the escape
        /// test of the new z; lanes that escape stop counting. Returns false, early, once no lane iterates.
        /// </summary>
        public DynamicMethod EmitStep()
        {
            var il = _il;
            var (orbits, push, state, steps) = Prologue(ActiveField, CountField);
            var radiusSquared = Splat("r2", () => il.Constant(T.CreateTruncating(_program.EscapeRadiusSquared)));
            var (loop, allOut) = (il.Label("step"), il.Label("all_out"));
            il.Mark(loop);
            Residual(orbits, push);
            foreach (var orbit in orbits)
            {
                NextZ(orbit, push);

                // active = AndNot(active, zx*zx + zy*zy > r2); count = CountWhere(count, active)
                il.Emit(OpCodes.Ldloc, orbit.Active);
                Square(orbit.Zx);
                Square(orbit.Zy);
                il.Emit(OpCodes.Call, Lanes("Add"));
                il.Emit(OpCodes.Ldloc, radiusSquared);
                il.Emit(OpCodes.Call, Lanes("GreaterThan"));
                il.Emit(OpCodes.Call, Lanes("AndNot"));
                il.Emit(OpCodes.Stloc, orbit.Active);
                il.Emit(OpCodes.Ldloc, orbit.Count);
                il.Emit(OpCodes.Ldloc, orbit.Active);
                il.Emit(OpCodes.Call, Lanes("CountWhere"));
                il.Emit(OpCodes.Stloc, orbit.Count);
            }

            NoneIterates(orbits);
            il.Emit(OpCodes.Brtrue, allOut);
            CountDown(steps, loop);
            Epilogue(orbits, state, ActiveField, CountField);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Ret);

            // The counts are final: z no longer matters.
            il.Mark(allOut);
            Epilogue(orbits, state, ActiveField, CountField);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ret);
            return _method;
        }

        /// <summary>
        /// The race function: the orbits in state (argument 3), with c from x (0) and cy (1), stepped
        /// iterations (2) times with no escape test, keeping each lane's largest |z|^2 instead (the Simd
        /// kernel's running maximum: escapes need not be permanent for a user's formula). If no iterating
        /// lane's largest |z|^2, the block's last z included, passed the radius, no lane escaped: z goes
        /// back to state and the block counts whole for every iterating lane; otherwise state is left as
        /// it was, at the block's start, to be stepped exactly. Returns (test &lt;&lt; 1) | passed, the test
        /// <see cref="RacedRunningMaximum"/> or <see cref="RacedFinalTest"/>.
        /// For z^2 + c escaping at 2 (the Mandelbrot step, where <see cref="PermanentEscape"/> holds) a
        /// block whose iterating lanes all have |c| &lt;= 1.9 keeps no maximum: the last z alone tells.
        /// </summary>
        public DynamicMethod EmitRace()
        {
            var il = _il;
            var (orbits, push, state, steps) = Prologue(); // iterating lanes and counts are read after the loop
            var radiusSquared = Splat("r2", () => il.Constant(T.CreateTruncating(_program.EscapeRadiusSquared)));
            var length = il.Local(typeof(int), "length");
            il.Emit(OpCodes.Ldloc, steps);
            il.Emit(OpCodes.Stloc, length);
            if (_program.Formula.IsDefault)
            {
                var runningMaximum = il.Label("running_maximum");
                EscapesArePermanent(orbits, state, push);
                il.Emit(OpCodes.Brfalse, runningMaximum);
                RaceLoop(orbits, push, steps, finalTest: true);
                BlockEnd(orbits, state, radiusSquared, length, finalTest: true);
                il.Mark(runningMaximum);
            }

            RaceLoop(orbits, push, steps, finalTest: false);
            BlockEnd(orbits, state, radiusSquared, length, finalTest: false);
            return _method;
        }

        /// <summary>
        /// The raced iterations. With the running maximum, each lane's largest |z|^2 of the z each iteration
        /// starts from: from the residual code's own squares zx*zx and zy*zy where it has them (z^n + c
        /// does), computed here where it does not. With the final test alone the loop is the bare step,
        /// every other orbit doubling by an add (the multiply and add pipes then share the work evenly).
        /// </summary>
        private void RaceLoop(Orbit[] orbits, PushRegister push, LocalBuilder steps, bool finalTest)
        {
            var il = _il;
            var squares = SquaresOfZ();
            var race = il.Label(finalTest ? "race_final_test" : "race");
            il.Mark(race);
            if (!finalTest && squares is null)
            {
                foreach (var orbit in orbits)
                {
                    NoteLargest(orbit, () => { Square(orbit.Zx); Square(orbit.Zy); });
                }
            }

            Residual(orbits, push, (orbit, instruction) =>
            {
                // As soon as both squares are made, so they need not stay in registers.
                if (!finalTest && squares is var (x, y) && instruction.Target == Math.Max(x, y))
                {
                    NoteLargest(orbit, () => { il.Emit(OpCodes.Ldloc, orbit.Registers[x]); il.Emit(OpCodes.Ldloc, orbit.Registers[y]); });
                }
            }, balanced: finalTest);
            foreach (var orbit in orbits)
            {
                NextZ(orbit, push);
            }

            CountDown(steps, race);
        }

        /// <summary>
        /// After a raced block: did an iterating lane pass the radius in it? With the running maximum,
        /// its largest |z|^2 with the last z's says (a NaN |z|^2 is no escape, as in the reference); with
        /// the final test, the last z's |z|^2 not &lt;= r2 (an orbit that escaped for good may have
        /// overflowed to NaN). If none did, z goes back to state and the block counts whole. Returns the
        /// test shifted left by one, with bit 0 set if the block passed (if not, state is left at the block's start).
        /// </summary>
        private void BlockEnd(Orbit[] orbits, LocalBuilder state, LocalBuilder radiusSquared, LocalBuilder length, bool finalTest)
        {
            var il = _il;
            var escaped = il.Label(finalTest ? "escaped_final_test" : "escaped_running_maximum");
            NoIteratingLaneAbove(orbits, state, radiusSquared, orbit =>
            {
                if (finalTest)
                {
                    Square(orbit.Zx);
                    Square(orbit.Zy);
                    il.Emit(OpCodes.Call, Lanes("Add"));
                }
                else
                {
                    NoteLargest(orbit, () => { Square(orbit.Zx); Square(orbit.Zy); });
                    il.Emit(OpCodes.Ldloc, orbit.Largest);
                }
            });
            il.Emit(OpCodes.Brfalse, escaped);
            for (var v = 0; v < orbits.Length; v++)
            {
                var orbit = orbits[v];
                LoadState(state, v, CountField, orbit.Count);
                il.Emit(OpCodes.Ldloc, orbit.Count);
                il.Emit(OpCodes.Ldloc, orbit.Active);
                il.Emit(OpCodes.Ldloc, length);
                il.Emit(OpCodes.Call, Lanes("AddWhere"));
                il.Emit(OpCodes.Stloc, orbit.Count);
            }

            Epilogue(orbits, state, CountField);
            il.Emit(OpCodes.Ldc_I4, ((finalTest ? RacedFinalTest : RacedRunningMaximum) << 1) | 1);
            il.Emit(OpCodes.Ret);
            il.Mark(escaped);
            il.Emit(OpCodes.Ldc_I4, (finalTest ? RacedFinalTest : RacedRunningMaximum) << 1);
            il.Emit(OpCodes.Ret);
        }

        /// <summary>Pushes true if every iterating lane has |c|^2 &lt;= 1.9^2, where an escape is for good (<see cref="PermanentEscape"/>).</summary>
        private void EscapesArePermanent(Orbit[] orbits, LocalBuilder state, PushRegister push)
        {
            var permanent = Splat("r2_permanent", () => _il.Constant(T.CreateTruncating(PermanentEscape.RadiusSquared)));
            NoIteratingLaneAbove(orbits, state, permanent, orbit =>
            {
                push(orbit, ResidualProgram.Cx);
                _il.Emit(OpCodes.Dup);
                _il.Emit(OpCodes.Call, Lanes("Multiply"));
                push(orbit, ResidualProgram.Cy);
                _il.Emit(OpCodes.Dup);
                _il.Emit(OpCodes.Call, Lanes("Multiply"));
                _il.Emit(OpCodes.Call, Lanes("Add"));
            });
        }

        /// <summary>
        /// Pushes true if no iterating lane (read from state) of any orbit has a value, pushed by
        /// <paramref name="pushValue"/>, that is not &lt;= <paramref name="bound"/> (NaN counts as above).
        /// </summary>
        private void NoIteratingLaneAbove(Orbit[] orbits, LocalBuilder state, LocalBuilder bound, Action<Orbit> pushValue)
        {
            for (var v = 0; v < orbits.Length; v++)
            {
                LoadState(state, v, ActiveField, orbits[v].Active);
                _il.Emit(OpCodes.Ldloc, orbits[v].Active);
                pushValue(orbits[v]);
                _il.Emit(OpCodes.Ldloc, bound);
                _il.Emit(OpCodes.Call, Lanes("LessThanOrEqual"));
                _il.Emit(OpCodes.Call, Lanes("AndNot"));
                if (v > 0)
                {
                    _il.Emit(OpCodes.Call, Lanes("Or"));
                }
            }

            _il.Emit(OpCodes.Call, Lanes("IsAllZero"));
        }

        // The state of one orbit in memory, in vectors: zx, zy, iterating lanes, counts.
        private const int StateFields = 4;
        private const int ActiveField = 2;
        private const int CountField = 3;

        /// <summary>
        /// A step or race function's start: constants splatted, z and the <paramref name="fields"/> loaded
        /// from state, the iteration count in a local. cx is read from x where it is used (a memory
        /// operand), as the Simd kernel reads it: four registers fewer in use, which AVX2's 16 need.
        /// </summary>
        private (Orbit[] Orbits, PushRegister Push, LocalBuilder State, LocalBuilder Steps) Prologue(params int[] fields)
        {
            var il = _il;
            var cy = Splat("cy", () => il.Emit(OpCodes.Ldarg_1));
            var constants = Constants();
            var orbits = Orbits();
            var state = il.Local(typeof(byte).MakeByRefType(), "state");
            var steps = il.Local(typeof(int), "k");
            il.Emit(OpCodes.Ldarg_3);
            il.Emit(OpCodes.Stloc, state);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Stloc, steps);
            for (var v = 0; v < orbits.Length; v++)
            {
                LoadState(state, v, 0, orbits[v].Zx);
                LoadState(state, v, 1, orbits[v].Zy);
                foreach (var field in fields)
                {
                    LoadState(state, v, field, orbits[v].Field(field));
                }
            }

            return (orbits, (orbit, register) =>
            {
                if (register == ResidualProgram.Cx)
                {
                    LoadCx(orbit);
                }
                else
                {
                    il.Emit(OpCodes.Ldloc, Register(orbit, register, cy, constants));
                }
            }, state, steps);
        }

        /// <summary>z and the <paramref name="fields"/> back to state.</summary>
        private void Epilogue(Orbit[] orbits, LocalBuilder state, params int[] fields)
        {
            for (var v = 0; v < orbits.Length; v++)
            {
                StoreState(state, v, 0, orbits[v].Zx);
                StoreState(state, v, 1, orbits[v].Zy);
                foreach (var field in fields)
                {
                    StoreState(state, v, field, orbits[v].Field(field));
                }
            }
        }

        /// <summary>k--; loops to <paramref name="loop"/> while k is not zero.</summary>
        private void CountDown(LocalBuilder steps, Label loop)
        {
            _il.Emit(OpCodes.Ldloc, steps);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Stloc, steps);
            _il.Emit(OpCodes.Brtrue, loop);
        }

        /// <summary>Pushes true if no lane of any orbit iterates.</summary>
        private void NoneIterates(Orbit[] orbits)
        {
            _il.Emit(OpCodes.Ldloc, orbits[0].Active);
            for (var v = 1; v < orbits.Length; v++)
            {
                _il.Emit(OpCodes.Ldloc, orbits[v].Active);
                _il.Emit(OpCodes.Call, Lanes("Or"));
            }

            _il.Emit(OpCodes.Call, Lanes("IsAllZero"));
        }

        /// <summary>Splats the formula's constants (returned, in register order), -0 and 2.</summary>
        private LocalBuilder[] Constants()
        {
            _minusZero = Splat("minus0", () => _il.Constant(-T.Zero));
            _two = Splat("two", () => _il.Constant(T.CreateTruncating(2)));
            return [.. _program.Constants.Select((value, k) => Splat($"r{ResidualProgram.FirstConstant + k}", () => _il.Constant(T.CreateTruncating(value))))];
        }

        private Orbit[] Orbits() => [.. Enumerable.Range(0, _inFlight).Select(v => new Orbit(v,
            _il.Local(_vector, $"zx_{v}"), _il.Local(_vector, $"zy_{v}"), _il.Local(_vector, $"active_{v}"), _il.Local(_vector, $"count_{v}"),
            _il.Local(_vector, $"largest_{v}"), _program.Instructions.ToDictionary(i => i.Target, i => _il.Local(_vector, $"r{i.Target}_{v}"))))];

        /// <summary>Pushes the orbit's cx: Load(ref x + index * lanes).</summary>
        private void LoadCx(Orbit orbit)
        {
            _il.Emit(OpCodes.Ldarg_0);
            Offset(orbit.Index * _vectorBytes);
            _il.Emit(OpCodes.Call, Lanes("Load"));
        }

        /// <summary>The <paramref name="field"/>th vector of orbit <paramref name="v"/>'s state into <paramref name="local"/>.</summary>
        private void LoadState(LocalBuilder state, int v, int field, LocalBuilder local)
        {
            _il.Emit(OpCodes.Ldloc, state);
            Offset((v * StateFields + field) * _vectorBytes);
            _il.Emit(OpCodes.Ldobj, _vector);
            _il.Emit(OpCodes.Stloc, local);
        }

        private void StoreState(LocalBuilder state, int v, int field, LocalBuilder local)
        {
            _il.Emit(OpCodes.Ldloc, state);
            Offset((v * StateFields + field) * _vectorBytes);
            _il.Emit(OpCodes.Ldloc, local);
            _il.Emit(OpCodes.Stobj, _vector);
        }

        /// <summary>
        /// The residual code's instructions, one orbit after another: the processor overlaps the orbits'
        /// dependency chains anyway, and each orbit's temporaries are dead before the next begins (few
        /// registers in use: AVX2 has 16). <paramref name="after"/> runs after each instruction of an orbit.
        /// </summary>
        private void Residual(Orbit[] orbits, PushRegister push, Action<Orbit, ResidualInstruction>? after = null, bool balanced = false)
        {
            foreach (var orbit in orbits)
            {
                foreach (var instruction in _program.Instructions)
                {
                    void Load(int register) => push(orbit, register);

                    Load(instruction.Left);
                    Operation(instruction, () => Load(instruction.Right), doubleByAdd: balanced && orbit.Index % 2 == 1);
                    _il.Emit(OpCodes.Stloc, instruction.Target == _program.NextZx && _zxInPlace ? orbit.Zx
                        : instruction.Target == _program.NextZy && _zyInPlace ? orbit.Zy
                        : orbit.Registers[instruction.Target]);
                    after?.Invoke(orbit, instruction);
                }
            }
        }

        /// <summary>zx, zy = the residual code's next z (where the residual code did not write them in place).</summary>
        private void NextZ(Orbit orbit, PushRegister push)
        {
            // Both pushed before either is stored: the next zy may be zx itself, and the next zx zy.
            if (!_zxInPlace)
            {
                push(orbit, _program.NextZx);
            }

            if (!_zyInPlace)
            {
                push(orbit, _program.NextZy);
                _il.Emit(OpCodes.Stloc, orbit.Zy);
            }

            if (!_zxInPlace)
            {
                _il.Emit(OpCodes.Stloc, orbit.Zx);
            }
        }

        /// <summary>largest = max(a + b, largest), a and b pushed by <paramref name="pushSquares"/>; where a + b is NaN, largest stays.</summary>
        private void NoteLargest(Orbit orbit, Action pushSquares)
        {
            pushSquares();
            _il.Emit(OpCodes.Call, Lanes("Add"));
            _il.Emit(OpCodes.Ldloc, orbit.Largest);
            _il.Emit(OpCodes.Call, Lanes("MaxKeepingB"));
            _il.Emit(OpCodes.Stloc, orbit.Largest);
        }

        /// <summary>The registers holding zx*zx and zy*zy, the escape test's own products, if the residual code computes both.</summary>
        private (int X, int Y)? SquaresOfZ()
        {
            int? Of(int register) => _program.Instructions
                .Where(i => i.Op == ResidualOp.Multiply && i.Left == register && i.Right == register)
                .Select(i => (int?)i.Target).FirstOrDefault();

            return (Of(ResidualProgram.Zx), Of(ResidualProgram.Zy)) is (int x, int y) ? (x, y) : null;
        }

        private LocalBuilder Register(Orbit orbit, int register, LocalBuilder cy, LocalBuilder[] constants) => register switch
        {
            ResidualProgram.Zx => orbit.Zx,
            ResidualProgram.Zy => orbit.Zy,
            ResidualProgram.Cy => cy,
            _ when _program.IsConstant(register) => constants[register - ResidualProgram.FirstConstant],
            _ => orbit.Registers[register],
        };

        /// <summary>The vector operation for one instruction, its left operand already on the stack; a + a by an add where <paramref name="doubleByAdd"/>, else as a * 2.</summary>
        private void Operation(ResidualInstruction instruction, Action loadRight, bool doubleByAdd)
        {
            var il = _il;
            switch (instruction.Op)
            {
                case ResidualOp.Add when instruction.Left == instruction.Right && !doubleByAdd:
                    // a + a is a * 2 exactly (overflow, NaN, -0 and subnormals alike): it moves the op from
                    // the add pipes, which the escape test keeps busy, to the multiply pipes.
                    il.Emit(OpCodes.Ldloc, _two!);
                    il.Emit(OpCodes.Call, Lanes("Multiply"));
                    break;
                case ResidualOp.Add or ResidualOp.Subtract or ResidualOp.Multiply:
                    loadRight();
                    il.Emit(OpCodes.Call, Lanes(instruction.Op.ToString()));
                    break;
                case ResidualOp.Divide:
                    loadRight();
                    il.Emit(OpCodes.Call, VectorMethod("Divide", 2));
                    break;
                case ResidualOp.Negate:
                    // x XOR -0 flips the sign bit, exactly the scalar -x (0 - x would give +0 for x = +0, not -0).
                    il.Emit(OpCodes.Ldloc, _minusZero!);
                    il.Emit(OpCodes.Call, VectorMethod("Xor", 2));
                    break;
                case ResidualOp.Abs or ResidualOp.Sqrt:
                    il.Emit(OpCodes.Call, VectorMethod(instruction.Op.ToString(), 1));
                    break;
                default:
                    if (instruction.Right >= 0)
                    {
                        loadRight();
                    }
                    else
                    {
                        il.Emit(OpCodes.Dup);
                    }

                    il.Emit(OpCodes.Ldc_I4, (int)instruction.Op);
                    il.Emit(OpCodes.Call, typeof(LaneByLane).GetMethod(nameof(LaneByLane.Apply))!.MakeGenericMethod(_vector, typeof(T)));
                    break;
            }
        }

        private LocalBuilder Splat(string name, Action pushScalar)
        {
            var local = _il.Local(_vector, name);
            pushScalar();
            _il.Emit(OpCodes.Call, Lanes("Splat"));
            _il.Emit(OpCodes.Stloc, local);
            return local;
        }

        private void Square(LocalBuilder value)
        {
            _il.Emit(OpCodes.Ldloc, value);
            _il.Emit(OpCodes.Ldloc, value);
            _il.Emit(OpCodes.Call, Lanes("Multiply"));
        }

        /// <summary>Adds a byte offset to the reference on the stack.</summary>
        private void Offset(int bytes)
        {
            if (bytes != 0)
            {
                _il.Emit(OpCodes.Ldc_I4, bytes);
                _il.Emit(OpCodes.Conv_I);
                _il.Emit(OpCodes.Add);
            }
        }

        private MethodInfo Lanes(string name) => Memo("lanes." + name, () => _lanes.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(_lanes.Name, name));

        /// <summary>Vector256.Divide&lt;T&gt;(Vector256&lt;T&gt;, Vector256&lt;T&gt;) and its kind, chosen by signature among the overloads.</summary>
        private MethodInfo VectorMethod(string name, int arity) => Memo("vector." + name, () => _vectorClass.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == name && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1)
            .Select(m => m.MakeGenericMethod(typeof(T)))
            .First(m => m.ReturnType == _vector && m.GetParameters().Length == arity && m.GetParameters().All(p => p.ParameterType == _vector)));

        /// <summary>Each method looked up once per compilation, not once per instruction and register (compile time counts).</summary>
        private MethodInfo Memo(string key, Func<MethodInfo> find)
        {
            if (!_methods.TryGetValue(key, out var method))
            {
                method = find();
                _methods[key] = method;
            }

            return method;
        }

        /// <summary>The locals of one register of pixels (the Index-th of the group): z, iterating lanes, counts, the largest |z|^2 of a raced block, and the residual code's registers.</summary>
        private sealed record Orbit(int Index, LocalBuilder Zx, LocalBuilder Zy, LocalBuilder Active, LocalBuilder Count,
            LocalBuilder Largest, Dictionary<int, LocalBuilder> Registers)
        {
            /// <summary>The local a state field loads into.</summary>
            public LocalBuilder Field(int field) => field == ActiveField ? Active : Count;
        }

        /// <summary>The local that holds a residual register for one orbit (cy and constants are shared).</summary>
        private delegate void PushRegister(Orbit orbit, int register);
    }
}

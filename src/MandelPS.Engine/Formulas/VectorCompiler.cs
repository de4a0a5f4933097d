using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// Steps the orbits in <paramref name="state"/> (<see cref="VectorCompiler.InFlight"/> slots of
/// <see cref="VectorCompiler.StateFields"/> vectors: z, iterating lanes, counts, c) exactly through
/// <paramref name="iterations"/>: the residual code, then each lane's escape test. Returns false, early,
/// once no lane of any slot iterates.
/// </summary>
internal delegate bool VectorStepFunction(ref byte state, int iterations);

/// <summary>
/// Races the orbits in <paramref name="state"/> through up to <paramref name="blocks"/> blocks of
/// <paramref name="iterations"/>, each with no test inside. While no iterating lane escaped in a block, z
/// and the counts move on by it; in the block in which one did, the slots where one did are left at the
/// block's start, to be stepped, the others move on. Returns (blocks passed &lt;&lt; 8) | (slots failed
/// &lt;&lt; 2) | the test, <see cref="VectorCompiler.RacedRunningMaximum"/> or <see cref="VectorCompiler.RacedFinalTest"/>.
/// </summary>
internal delegate int VectorRaceFunction(ref byte state, int iterations, int blocks);

/// <summary>
/// Compiles residual code to vector code with Reflection.Emit: the Simd kernel's technique for any
/// formula. Each register of residual code becomes a Vector128/256/512 local per slot of pixels,
/// <see cref="InFlight"/> slots side by side so their dependency chains overlap; each lane keeps its own
/// "still iterating" mask and counter (the engine's <see cref="ILanes{TVec, T}"/> operations). Two
/// methods per formula: a step method (the exact iteration and escape test) and a race method (a block
/// of iterations with no test, keeping each lane's largest |z|^2 where escapes may not be permanent, as
/// the Simd kernel races). The orbits live in memory between calls, each slot with its own c, so a
/// driver (<see cref="Kernels.Simd.VectorFormulaRows{TLanes, TVec, T}"/>) can refill a slot whose lanes
/// are done while the others run on. Arithmetic, sqrt and abs are one vector instruction each and
/// negation flips the sign bit, the same bits as the scalar operations; exp, cos, sin, atan2 and pow go
/// lane by lane through the scalar function (<see cref="LaneByLane"/>).
/// </summary>
internal static class VectorCompiler
{
    /// <summary>Registers of pixels per call, stepped side by side (<see cref="VectorsInFlight"/>).</summary>
    public static int InFlight(VectorWidth width) => VectorsInFlight.For(width);

    // The test a race function raced its blocks with; it returns (blocks passed << 8) | (slots failed << 2) | test.
    private const int FailedShift = 2;
    private const int PassedShift = 8;
    public const int RacedRunningMaximum = 1;
    public const int RacedFinalTest = 2;
    public const int RacedFromStart = 3;

    // The state of one slot in memory, in vectors: z, iterating lanes, counts, c.
    public const int StateFields = 6;
    public const int ZxField = 0;
    public const int ZyField = 1;
    public const int ActiveField = 2;
    public const int CountField = 3;
    public const int CxField = 4;
    public const int CyField = 5;

    public static (VectorStepFunction Step, VectorRaceFunction Race, string Il) Compile<T>(ResidualProgram program, VectorWidth width)
        where T : unmanaged, IFloatingPointIeee754<T> => Compile<T>(program, width, InFlight(width));

    /// <summary>The same with <paramref name="inFlight"/> slots side by side, whatever this machine's choice (<see cref="VectorsInFlight"/> times them).</summary>
    internal static (VectorStepFunction Step, VectorRaceFunction Race, string Il) Compile<T>(ResidualProgram program, VectorWidth width, int inFlight)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (lanesType, vectorType, vectorClass) = width switch
        {
            VectorWidth.Bits128 => (typeof(Lanes128<T>), typeof(Vector128<T>), typeof(Vector128)),
            VectorWidth.Bits256 => (typeof(Lanes256<T>), typeof(Vector256<T>), typeof(Vector256)),
            VectorWidth.Bits512 => (typeof(Lanes512<T>), typeof(Vector512<T>), typeof(Vector512)),
            _ => throw new ArgumentOutOfRangeException(nameof(width), width, "vector code needs an accelerated width"),
        };
        var step = new Emitter<T>(program, lanesType, vectorType, vectorClass, inFlight, "Step", typeof(bool), [typeof(byte).MakeByRefType(), typeof(int)]);
        var race = new Emitter<T>(program, lanesType, vectorType, vectorClass, inFlight, "Race", typeof(int), [typeof(byte).MakeByRefType(), typeof(int), typeof(int)]);
        var stepMethod = step.EmitStep();
        var raceMethod = race.EmitRace();
        return ((VectorStepFunction)stepMethod.CreateDelegate(typeof(VectorStepFunction)),
            (VectorRaceFunction)raceMethod.CreateDelegate(typeof(VectorRaceFunction)),
            string.Join(Environment.NewLine, step.Listing, race.Listing));
    }

    /// <summary>The whole blocks a race call passed.</summary>
    public static int BlocksPassed(int raced) => raced >> PassedShift;

    /// <summary>The slots (a bit each) a race call left at the start of the block in which one of their lanes escaped; 0 if every block passed.</summary>
    public static int FailedSlots(int raced) => raced >> FailedShift & ((1 << (PassedShift - FailedShift)) - 1);

    /// <summary>The test a race call raced with: <see cref="RacedRunningMaximum"/> or <see cref="RacedFinalTest"/>.</summary>
    public static int TestOf(int raced) => raced & ((1 << FailedShift) - 1);

    /// <summary>Bytes of the state one step or race call works on at this width.</summary>
    public static int StateBytes<T>(VectorWidth width, int inFlight)
        where T : unmanaged => PixelsPerCall<T>(width, inFlight) * StateFields * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    /// <summary>Pixels one call solves at this width.</summary>
    public static int PixelsPerCall<T>(VectorWidth width) where T : unmanaged => PixelsPerCall<T>(width, InFlight(width));

    /// <summary>Pixels one call of code for <paramref name="inFlight"/> slots solves at this width.</summary>
    public static int PixelsPerCall<T>(VectorWidth width, int inFlight)
        where T : unmanaged => inFlight * width switch
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
        /// The step function: the orbits in state (argument 0) stepped exactly through iterations (1) as
        /// the reference steps them: the residual code, then the escape test of the new z; lanes that
        /// escape stop counting. Returns false, early, once no lane iterates. Where the residual code forms
        /// zx*zx and zy*zy itself (z^n + c does), each z is tested one step late, from the squares the next
        /// step forms anyway, and the last z after the loop: two multiplications and an addition fewer a
        /// step, and fewer values live (AVX2's 16 registers spilled the test's squares).
        /// </summary>
        public DynamicMethod EmitStep()
        {
            var il = _il;
            var (orbits, push, state, steps) = Prologue(ActiveField, CountField);
            var radiusSquared = Splat("r2", () => il.Constant(T.CreateTruncating(_program.EscapeRadiusSquared)));
            var (loop, settle, allOut) = (il.Label("step"), il.Label("settle"), il.Label("all_out"));
            if (SquaresOfZ() is var (x, y))
            {
                // z in state was tested when it was made: the first step has nothing to test.
                Residual(orbits, push);
                foreach (var orbit in orbits)
                {
                    NextZ(orbit, push);
                }

                CountDown(steps, loop, exit: settle);
                il.Mark(loop);
                Residual(orbits, push, (orbit, instruction) =>
                {
                    if (instruction.Target == Math.Max(x, y))
                    {
                        Test(orbit, radiusSquared, () => { il.Emit(OpCodes.Ldloc, orbit.Registers[x]); il.Emit(OpCodes.Ldloc, orbit.Registers[y]); });
                    }
                });
                foreach (var orbit in orbits)
                {
                    NextZ(orbit, push);
                }

                NoneIterates(orbits);
                il.Emit(OpCodes.Brtrue, allOut);
                CountDown(steps, loop);
                il.Mark(settle);
                foreach (var orbit in orbits)
                {
                    Test(orbit, radiusSquared, () => { Square(orbit.Zx); Square(orbit.Zy); });
                }

                NoneIterates(orbits);
                il.Emit(OpCodes.Brtrue, allOut);
            }
            else
            {
                il.Mark(loop);
                Residual(orbits, push);
                foreach (var orbit in orbits)
                {
                    NextZ(orbit, push);
                    Test(orbit, radiusSquared, () => { Square(orbit.Zx); Square(orbit.Zy); });
                }

                NoneIterates(orbits);
                il.Emit(OpCodes.Brtrue, allOut);
                CountDown(steps, loop);
            }

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
        /// An orbit's escape test of the z whose squares <paramref name="pushSquares"/> pushes:
        /// active = AndNot(active, zx*zx + zy*zy &gt; r2); count = CountWhere(count, active).
        /// </summary>
        private void Test(Orbit orbit, LocalBuilder radiusSquared, Action pushSquares)
        {
            _il.Emit(OpCodes.Ldloc, orbit.Active);
            pushSquares();
            _il.Emit(OpCodes.Call, Lanes("Add"));
            _il.Emit(OpCodes.Ldloc, radiusSquared);
            _il.Emit(OpCodes.Call, Lanes("GreaterThan"));
            _il.Emit(OpCodes.Call, Lanes("AndNot"));
            _il.Emit(OpCodes.Stloc, orbit.Active);
            _il.Emit(OpCodes.Ldloc, orbit.Count);
            _il.Emit(OpCodes.Ldloc, orbit.Active);
            _il.Emit(OpCodes.Call, Lanes("CountWhere"));
            _il.Emit(OpCodes.Stloc, orbit.Count);
        }

        /// <summary>
        /// The race function: the orbits in state (argument 0) stepped through up to blocks (2) of
        /// iterations (1) with no escape test, keeping each lane's largest |z|^2 instead (the Simd kernel's
        /// running maximum: escapes need not be permanent for a user's formula). While no iterating lane's
        /// largest |z|^2, the block's last z included, passed the radius, no lane escaped: z goes back to
        /// state, the block counts whole for every iterating lane, and the next block is raced; a block in
        /// which one did leaves the slots where one did at its start, to be stepped exactly, and the others
        /// at its end. Returns (blocks passed &lt;&lt; 8) | (slots failed &lt;&lt; 2) | the test,
        /// <see cref="RacedRunningMaximum"/> or <see cref="RacedFinalTest"/>.
        /// For z^2 + c escaping at 2 (the Mandelbrot step, where <see cref="PermanentEscape"/> holds) a
        /// block whose iterating lanes all have |c| &lt;= 1.9 keeps no maximum: the last z alone tells.
        /// </summary>
        public DynamicMethod EmitRace()
        {
            var il = _il;
            var (orbits, push, state, steps) = Prologue(); // iterating lanes and counts are read after the loop
            var radiusSquared = Splat("r2", () => il.Constant(T.CreateTruncating(_program.EscapeRadiusSquared)));
            var block = new Block(il.Local(typeof(int), "length"), il.Local(typeof(int), "blocks"), il.Local(typeof(int), "passed"), il.Local(typeof(int), "failed"));
            il.Emit(OpCodes.Ldloc, steps);
            il.Emit(OpCodes.Stloc, block.Length);
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Stloc, block.Left);
            if (_program.Formula.IsDefault)
            {
                var runningMaximum = il.Label("running_maximum");
                EscapesArePermanent(orbits, state, push);
                il.Emit(OpCodes.Brfalse, runningMaximum);
                var raceFinalTest = RaceLoop(orbits, push, steps, finalTest: true);
                BlockEnd(orbits, state, radiusSquared, steps, block, raceFinalTest, finalTest: true);
                il.Mark(runningMaximum);
            }

            var race = RaceLoop(orbits, push, steps, finalTest: false);
            BlockEnd(orbits, state, radiusSquared, steps, block, race, finalTest: false);
            return _method;
        }

        /// <summary>
        /// The raced iterations. With the running maximum, each lane's largest |z|^2 of the z each iteration
        /// starts from: from the residual code's own squares zx*zx and zy*zy where it has them (z^n + c
        /// does), computed here where it does not. With the final test alone the loop is the bare step,
        /// every other orbit doubling by an add (the multiply and add pipes then share the work evenly).
        /// </summary>
        private Label RaceLoop(Orbit[] orbits, PushRegister push, LocalBuilder steps, bool finalTest)
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
            return race;
        }

        /// <summary>
        /// After a raced block: in which slots did an iterating lane pass the radius? With the running
        /// maximum, its largest |z|^2 with the last z's says (a NaN |z|^2 is no escape, as in the
        /// reference; the maximum runs on across blocks that passed, all of whose values were inside); with
        /// the final test, the last z's |z|^2 not &lt;= r2 (an orbit that escaped for good may have
        /// overflowed to NaN). Each other slot's z goes back to state and the block counts whole for its
        /// iterating lanes. If no slot failed, the next block is raced (<paramref name="race"/>) while the
        /// call has blocks left. Returns (blocks passed &lt;&lt; 8) | (slots failed &lt;&lt; 2) | test, a
        /// failed slot's state left at the failed block's start (the others' at its end), to be stepped.
        /// </summary>
        private void BlockEnd(Orbit[] orbits, LocalBuilder state, LocalBuilder radiusSquared, LocalBuilder steps, Block block, Label race, bool finalTest)
        {
            var il = _il;
            var failed = il.Label(finalTest ? "failed_final_test" : "failed_running_maximum");
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Stloc, block.Failed);
            for (var v = 0; v < orbits.Length; v++)
            {
                // failed |= (any iterating lane's value not <= r2) << v
                var orbit = orbits[v];
                LoadState(state, v, ActiveField, orbit.Active);
                il.Emit(OpCodes.Ldloc, orbit.Active);
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

                il.Emit(OpCodes.Ldloc, radiusSquared);
                il.Emit(OpCodes.Call, Lanes("LessThanOrEqual"));
                il.Emit(OpCodes.Call, Lanes("AndNot"));
                il.Emit(OpCodes.Call, Lanes("IsAllZero"));
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Ceq);
                il.Emit(OpCodes.Ldc_I4, v);
                il.Emit(OpCodes.Shl);
                il.Emit(OpCodes.Ldloc, block.Failed);
                il.Emit(OpCodes.Or);
                il.Emit(OpCodes.Stloc, block.Failed);
            }

            for (var v = 0; v < orbits.Length; v++)
            {
                // A slot that passed takes the block: z to state, counts += length where iterating.
                var orbit = orbits[v];
                var next = il.Label($"committed_{v}");
                il.Emit(OpCodes.Ldloc, block.Failed);
                il.Emit(OpCodes.Ldc_I4, 1 << v);
                il.Emit(OpCodes.And);
                il.Emit(OpCodes.Brtrue, next);
                LoadState(state, v, CountField, orbit.Count);
                il.Emit(OpCodes.Ldloc, orbit.Count);
                il.Emit(OpCodes.Ldloc, orbit.Active);
                il.Emit(OpCodes.Ldloc, block.Length);
                il.Emit(OpCodes.Call, Lanes("AddWhere"));
                il.Emit(OpCodes.Stloc, orbit.Count);
                StoreState(state, v, ZxField, orbit.Zx);
                StoreState(state, v, ZyField, orbit.Zy);
                StoreState(state, v, CountField, orbit.Count);
                il.Mark(next);
            }

            il.Emit(OpCodes.Ldloc, block.Failed);
            il.Emit(OpCodes.Brtrue, failed);
            il.Emit(OpCodes.Ldloc, block.Passed); // passed++; steps = length; loop while --blocks > 0
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc, block.Passed);
            il.Emit(OpCodes.Ldloc, block.Length);
            il.Emit(OpCodes.Stloc, steps);
            CountDown(block.Left, race);
            il.Mark(failed);
            il.Emit(OpCodes.Ldloc, block.Passed);
            il.Emit(OpCodes.Ldc_I4, PassedShift);
            il.Emit(OpCodes.Shl);
            il.Emit(OpCodes.Ldloc, block.Failed);
            il.Emit(OpCodes.Ldc_I4, FailedShift);
            il.Emit(OpCodes.Shl);
            il.Emit(OpCodes.Or);
            il.Emit(OpCodes.Ldc_I4, finalTest ? RacedFinalTest : RacedRunningMaximum);
            il.Emit(OpCodes.Or);
            il.Emit(OpCodes.Ret);
        }

        /// <summary>A race call's block length, blocks left, blocks passed and the slots that failed the last block.</summary>
        private sealed record Block(LocalBuilder Length, LocalBuilder Left, LocalBuilder Passed, LocalBuilder Failed);


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

        /// <summary>
        /// A step or race function's start: constants splatted, z and the <paramref name="fields"/> loaded
        /// from state, the iteration count in a local. c is read from state where it is used (a memory
        /// operand), as the Simd kernel reads cx: registers fewer in use, which AVX2's 16 need.
        /// </summary>
        private (Orbit[] Orbits, PushRegister Push, LocalBuilder State, LocalBuilder Steps) Prologue(params int[] fields)
        {
            var il = _il;
            var constants = Constants();
            var orbits = Orbits();
            var state = il.Local(typeof(byte).MakeByRefType(), "state");
            var steps = il.Local(typeof(int), "k");
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Stloc, state);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Stloc, steps);
            for (var v = 0; v < orbits.Length; v++)
            {
                LoadState(state, v, ZxField, orbits[v].Zx);
                LoadState(state, v, ZyField, orbits[v].Zy);
                foreach (var field in fields)
                {
                    LoadState(state, v, field, orbits[v].Field(field));
                }
            }

            return (orbits, (orbit, register) =>
            {
                if (register is ResidualProgram.Cx or ResidualProgram.Cy)
                {
                    PushState(state, orbit.Index, register == ResidualProgram.Cx ? CxField : CyField);
                }
                else
                {
                    il.Emit(OpCodes.Ldloc, Register(orbit, register, constants));
                }
            }, state, steps);
        }

        /// <summary>z and the <paramref name="fields"/> back to state.</summary>
        private void Epilogue(Orbit[] orbits, LocalBuilder state, params int[] fields)
        {
            for (var v = 0; v < orbits.Length; v++)
            {
                StoreState(state, v, ZxField, orbits[v].Zx);
                StoreState(state, v, ZyField, orbits[v].Zy);
                foreach (var field in fields)
                {
                    StoreState(state, v, field, orbits[v].Field(field));
                }
            }
        }

        /// <summary>k--; loops to <paramref name="loop"/> while k is not zero (or, given <paramref name="exit"/>, goes there once it is, and on otherwise).</summary>
        private void CountDown(LocalBuilder steps, Label loop, Label? exit = null)
        {
            _il.Emit(OpCodes.Ldloc, steps);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Dup);
            _il.Emit(OpCodes.Stloc, steps);
            _il.Emit(exit.HasValue ? OpCodes.Brfalse : OpCodes.Brtrue, exit ?? loop);
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

        /// <summary>Pushes the <paramref name="field"/>th vector of orbit <paramref name="v"/>'s state.</summary>
        private void PushState(LocalBuilder state, int v, int field)
        {
            _il.Emit(OpCodes.Ldloc, state);
            Offset((v * StateFields + field) * _vectorBytes);
            _il.Emit(OpCodes.Ldobj, _vector);
        }

        /// <summary>The <paramref name="field"/>th vector of orbit <paramref name="v"/>'s state into <paramref name="local"/>.</summary>
        private void LoadState(LocalBuilder state, int v, int field, LocalBuilder local)
        {
            PushState(state, v, field);
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

        private LocalBuilder Register(Orbit orbit, int register, LocalBuilder[] constants) => register switch
        {
            ResidualProgram.Zx => orbit.Zx,
            ResidualProgram.Zy => orbit.Zy,
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

        /// <summary>The local that holds a residual register for one orbit (constants are shared).</summary>
        private delegate void PushRegister(Orbit orbit, int register);
    }
}

using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using MandelPS.Engine.Kernels.Simd;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// Escape counts of <see cref="VectorCompiler.InFlight"/> registers of pixels on one row, starting at
/// x[0]: the signature of vectorised residual code. Counts go to counts[0 .. InFlight * lanes).
/// </summary>
internal delegate void VectorGroupFunction<T>(ref T x, T cy, int maxIterations, ref int counts);

/// <summary>
/// Compiles residual code to vector code with Reflection.Emit: the Simd kernel's technique for any
/// formula. Each register of residual code becomes a Vector128/256/512 local per register of
/// pixels, four registers in flight so their dependency chains overlap; each lane keeps its own
/// "still iterating" mask and counter (the engine's <see cref="ILanes{TVec, T}"/> operations), and the
/// loop ends when every lane has escaped. Arithmetic, sqrt and abs are one vector instruction each
/// and negation flips the sign bit, the same bits as the scalar operations; exp, cos, sin, atan2 and
/// pow go lane by lane through the scalar function (<see cref="LaneByLane"/>).
/// </summary>
internal static class VectorCompiler
{
    /// <summary>Registers of pixels per call, stepped side by side (as in the Simd kernel).</summary>
    public const int InFlight = 4;

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
        var emitter = new Emitter<T>(program, lanesType, vectorType, vectorClass);
        return (emitter.Emit(), emitter.Listing);
    }

    /// <summary>Pixels one call solves at this width.</summary>
    public static int PixelsPerCall<T>(VectorWidth width)
        where T : unmanaged => InFlight * width switch
        {
            VectorWidth.Bits128 => Vector128<T>.Count,
            VectorWidth.Bits256 => Vector256<T>.Count,
            _ => Vector512<T>.Count,
        };

    private sealed class Emitter<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ResidualProgram _program;
        private readonly Type _lanes;
        private readonly Type _vector;
        private readonly Type _vectorClass;
        private readonly int _laneCount;
        private readonly DynamicMethod _method;
        private readonly IlRecorder _il;
        private readonly Dictionary<string, MethodInfo> _methods = [];

        public Emitter(ResidualProgram program, Type lanes, Type vector, Type vectorClass)
        {
            _program = program;
            _lanes = lanes;
            _vector = vector;
            _vectorClass = vectorClass;
            _laneCount = (int)vector.GetProperty("Count")!.GetValue(null)!;
            _method = new DynamicMethod($"FormulaVector_{vector.Name}_{typeof(T).Name}", typeof(void),
                [typeof(T).MakeByRefType(), typeof(T), typeof(int), typeof(int).MakeByRefType()], typeof(VectorCompiler).Module, skipVisibility: true);
            _il = new IlRecorder(_method.GetILGenerator());
        }

        public string Listing => _il.Listing;

        public VectorGroupFunction<T> Emit()
        {
            var il = _il;
            var cy = Splat("cy", () => il.Emit(OpCodes.Ldarg_1));
            var radiusSquared = Splat("r2", () => il.Constant(T.CreateTruncating(_program.EscapeRadiusSquared)));
            var minusZero = Splat("minus0", () => il.Constant(-T.Zero));
            var constants = _program.Constants.Select((value, k) => Splat($"r{ResidualProgram.FirstConstant + k}", () => il.Constant(T.CreateTruncating(value)))).ToArray();
            var n = il.Local(typeof(int), "n");
            var orbits = Enumerable.Range(0, InFlight).Select(v => new Orbit(
                il.Local(_vector, $"zx_{v}"), il.Local(_vector, $"zy_{v}"), il.Local(_vector, $"cx_{v}"), il.Local(_vector, $"active_{v}"), il.Local(_vector, $"count_{v}"),
                _program.Instructions.ToDictionary(i => i.Target, i => il.Local(_vector, $"r{i.Target}_{v}")))).ToArray();
            for (var v = 0; v < InFlight; v++)
            {
                // cx_v = Load(ref x + v * lanes); zx, zy and count start at zero (locals are zeroed); every lane active.
                il.Emit(OpCodes.Ldarg_0);
                Offset(v * _laneCount * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
                il.Emit(OpCodes.Call, Lanes("Load"));
                il.Emit(OpCodes.Stloc, orbits[v].Cx);
                il.Emit(OpCodes.Call, _lanes.GetProperty("AllBitsSet")!.GetMethod!);
                il.Emit(OpCodes.Stloc, orbits[v].Active);
            }

            var loop = il.BeginIterations(n);
            var done = loop.Done;
            foreach (var instruction in _program.Instructions)
            {
                foreach (var orbit in orbits)
                {
                    void Load(int register) => il.Emit(OpCodes.Ldloc, Register(orbit, register, cy, constants));

                    Load(instruction.Left);
                    Operation(instruction, () => Load(instruction.Right), minusZero);
                    il.Emit(OpCodes.Stloc, orbit.Registers[instruction.Target]);
                }
            }

            foreach (var orbit in orbits)
            {
                il.Emit(OpCodes.Ldloc, Register(orbit, _program.NextZx, cy, constants));
                il.Emit(OpCodes.Ldloc, Register(orbit, _program.NextZy, cy, constants));
                il.Emit(OpCodes.Stloc, orbit.Zy);
                il.Emit(OpCodes.Stloc, orbit.Zx);

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

            il.Emit(OpCodes.Ldloc, orbits[0].Active);
            for (var v = 1; v < InFlight; v++)
            {
                il.Emit(OpCodes.Ldloc, orbits[v].Active);
                il.Emit(OpCodes.Call, Lanes("Or"));
            }

            il.Emit(OpCodes.Call, Lanes("IsAllZero"));
            il.Emit(OpCodes.Brtrue, done);
            il.EndIterations(loop);
            for (var v = 0; v < InFlight; v++)
            {
                il.Emit(OpCodes.Ldloc, orbits[v].Count);
                il.Emit(OpCodes.Ldarg_3);
                Offset(v * _laneCount * sizeof(int));
                il.Emit(OpCodes.Call, Lanes("StoreAllCounts"));
            }

            il.Emit(OpCodes.Ret);
            return (VectorGroupFunction<T>)_method.CreateDelegate(typeof(VectorGroupFunction<T>));
        }

        private LocalBuilder Register(Orbit orbit, int register, LocalBuilder cy, LocalBuilder[] constants) => register switch
        {
            ResidualProgram.Zx => orbit.Zx,
            ResidualProgram.Zy => orbit.Zy,
            ResidualProgram.Cx => orbit.Cx,
            ResidualProgram.Cy => cy,
            _ when _program.IsConstant(register) => constants[register - ResidualProgram.FirstConstant],
            _ => orbit.Registers[register],
        };

        /// <summary>The vector operation for one instruction, its left operand already on the stack.</summary>
        private void Operation(ResidualInstruction instruction, Action loadRight, LocalBuilder minusZero)
        {
            var il = _il;
            switch (instruction.Op)
            {
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
                    il.Emit(OpCodes.Ldloc, minusZero);
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

        private sealed record Orbit(LocalBuilder Zx, LocalBuilder Zy, LocalBuilder Cx, LocalBuilder Active, LocalBuilder Count, Dictionary<int, LocalBuilder> Registers);
    }
}

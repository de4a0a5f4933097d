using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;

namespace MandelPS.Engine.Formulas;

/// <summary>One pixel's escape count: the signature of compiled residual code.</summary>
internal delegate int EscapeCountFunction<T>(T cx, T cy, int maxIterations);

/// <summary>
/// Compiles residual code to IL with Reflection.Emit: a DynamicMethod with the whole escape loop,
/// each register a local, each constant an ldc, each instruction one IL operation or one call of
/// double/float's own Exp, Cos, ... The JIT then turns it into the same machine code a hand-written
/// loop would get (DynamicMethods are always fully optimised, never tiered).
/// </summary>
internal static class ScalarCompiler
{
    public static (EscapeCountFunction<T> Function, string Il) Compile<T>(ResidualProgram program)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var method = new DynamicMethod($"Formula_{typeof(T).Name}", typeof(int), [typeof(T), typeof(T), typeof(int)], typeof(ScalarCompiler).Module, skipVisibility: true);
        var listing = Emit<T>(method.GetILGenerator(), program);
        return ((EscapeCountFunction<T>)method.CreateDelegate(typeof(EscapeCountFunction<T>)), listing);
    }

    /// <summary>
    /// Emits the body of int EscapeCount(T cx, T cy, int maxIterations) into any method of that signature
    /// (a DynamicMethod here; a static method on a TypeBuilder for a backend that rejects dynamic
    /// methods, such as ILGPU); returns the IL listing.
    /// </summary>
    public static string Emit<T>(ILGenerator generator, ResidualProgram program)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(program);
        var il = new IlRecorder(generator);
        var zx = il.Local(typeof(T), "zx");
        var zy = il.Local(typeof(T), "zy");
        var n = il.Local(typeof(int), "n");
        var registers = new LocalBuilder?[program.RegisterCount];
        registers[ResidualProgram.Zx] = zx;
        registers[ResidualProgram.Zy] = zy;
        foreach (var instruction in program.Instructions)
        {
            registers[instruction.Target] = il.Local(typeof(T), $"r{instruction.Target}");
        }

        void Load(int register)
        {
            if (register == ResidualProgram.Cx || register == ResidualProgram.Cy)
            {
                il.Emit(register == ResidualProgram.Cx ? OpCodes.Ldarg_0 : OpCodes.Ldarg_1);
            }
            else if (program.IsConstant(register))
            {
                il.Constant(T.CreateTruncating(program.Constants[register - ResidualProgram.FirstConstant]));
            }
            else
            {
                il.Emit(OpCodes.Ldloc, registers[register]!);
            }
        }

        il.Constant(T.Zero);
        il.Emit(OpCodes.Stloc, zx);
        il.Constant(T.Zero);
        il.Emit(OpCodes.Stloc, zy);
        var loop = il.BeginIterations(n);
        var done = loop.Done;
        foreach (var instruction in program.Instructions)
        {
            Load(instruction.Left);
            if (instruction.Right >= 0)
            {
                Load(instruction.Right);
            }

            EmitOperation<T>(il, instruction.Op);
            il.Emit(OpCodes.Stloc, registers[instruction.Target]!);
        }

        // Both loaded before either is stored: z's next value may read the old zx or zy.
        Load(program.NextZx);
        Load(program.NextZy);
        il.Emit(OpCodes.Stloc, zy);
        il.Emit(OpCodes.Stloc, zx);
        il.Emit(OpCodes.Ldloc, zx);
        il.Emit(OpCodes.Ldloc, zx);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Ldloc, zy);
        il.Emit(OpCodes.Ldloc, zy);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Add);
        il.Constant(T.CreateTruncating(program.EscapeRadiusSquared));
        il.Emit(OpCodes.Bgt, done); // ordered: false for NaN, like the reference's '>'
        il.EndIterations(loop);
        il.Emit(OpCodes.Ldloc, n);
        il.Emit(OpCodes.Ret);
        return il.Listing;
    }

    /// <summary>The IL for one operation on the two values on the stack: an arithmetic opcode or a call of T's own function.</summary>
    private static void EmitOperation<T>(IlRecorder il, ResidualOp op)
    {
        switch (op)
        {
            case ResidualOp.Add: il.Emit(OpCodes.Add); break;
            case ResidualOp.Subtract: il.Emit(OpCodes.Sub); break;
            case ResidualOp.Multiply: il.Emit(OpCodes.Mul); break;
            case ResidualOp.Divide: il.Emit(OpCodes.Div); break;
            case ResidualOp.Negate: il.Emit(OpCodes.Neg); break;
            default: il.Emit(OpCodes.Call, ScalarFunction<T>(op)); break;
        }
    }

    /// <summary>double.Exp, float.Sqrt, ...: the functions NumberArithmetic calls, so the results are the same bits.</summary>
    internal static MethodInfo ScalarFunction<T>(ResidualOp op)
    {
        Type[] parameters = ResidualOps.IsBinary(op) ? [typeof(T), typeof(T)] : [typeof(T)];
        return typeof(T).GetMethod(op.ToString(), BindingFlags.Public | BindingFlags.Static, parameters)
            ?? throw new MissingMethodException(typeof(T).Name, op.ToString());
    }
}

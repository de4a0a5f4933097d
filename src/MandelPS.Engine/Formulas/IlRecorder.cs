using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// Emits IL and writes down what it emitted, so the IL listing is the code that runs, not a
/// reconstruction: "IL_0012: ldloc.s zx", "IL_0020: call Double Exp(Double)".
/// </summary>
internal sealed class IlRecorder(ILGenerator il)
{
    private readonly StringBuilder _listing = new();
    private readonly Dictionary<Label, string> _labels = [];
    private readonly Dictionary<LocalBuilder, string> _locals = [];

    public string Listing => _listing.ToString();

    public LocalBuilder Local(Type type, string name)
    {
        var local = il.DeclareLocal(type);
        _locals[local] = name;
        return local;
    }

    public Label Label(string name)
    {
        var label = il.DefineLabel();
        _labels[label] = name;
        return label;
    }

    public void Mark(Label label)
    {
        il.MarkLabel(label);
        _listing.AppendLine(CultureInfo.InvariantCulture, $"{_labels[label]}:");
    }

    public void Emit(OpCode op) => Record(op, "", () => il.Emit(op));

    public void Emit(OpCode op, Type type) => Record(op, type.Name, () => il.Emit(op, type));

    /// <summary>A line of the listing that emits nothing: which method the lines below belong to.</summary>
    public void Comment(string text) => _listing.AppendLine(CultureInfo.InvariantCulture, $"// {text}");

    public void Emit(OpCode op, int value) => Record(op, value.ToString(CultureInfo.InvariantCulture), () => il.Emit(op, value));

    public void Emit(OpCode op, LocalBuilder local) => Record(op, _locals[local], () => il.Emit(op, local));

    public void Emit(OpCode op, Label label) => Record(op, _labels[label], () => il.Emit(op, label));

    public void Emit(OpCode op, MethodInfo method) =>
        Record(op, $"{method.DeclaringType?.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})", () => il.Emit(op, method));

    /// <summary>The head of the escape loop "for (n = 0; n &lt; maxIterations; n++)" (maxIterations is argument 2): the body follows.</summary>
    public IterationLoop BeginIterations(LocalBuilder n)
    {
        var loop = new IterationLoop(n, Label("loop"), Label("test"), Label("done"));
        Emit(OpCodes.Ldc_I4_0);
        Emit(OpCodes.Stloc, n);
        Emit(OpCodes.Br, loop.Test);
        Mark(loop.Body);
        return loop;
    }

    /// <summary>The loop's end: n++, the test, and the label a break (an escape) jumps to.</summary>
    public void EndIterations(IterationLoop loop)
    {
        Emit(OpCodes.Ldloc, loop.N);
        Emit(OpCodes.Ldc_I4_1);
        Emit(OpCodes.Add);
        Emit(OpCodes.Stloc, loop.N);
        Mark(loop.Test);
        Emit(OpCodes.Ldloc, loop.N);
        Emit(OpCodes.Ldarg_2);
        Emit(OpCodes.Blt, loop.Body);
        Mark(loop.Done);
    }

    /// <summary>Pushes a constant of the precision (ldc.r8 for double, ldc.r4 for float).</summary>
    public void Constant<T>(T value)
    {
        if (value is float single)
        {
            Record(OpCodes.Ldc_R4, single.ToString("R", CultureInfo.InvariantCulture), () => il.Emit(OpCodes.Ldc_R4, single));
        }
        else
        {
            var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            Record(OpCodes.Ldc_R8, number.ToString("R", CultureInfo.InvariantCulture), () => il.Emit(OpCodes.Ldc_R8, number));
        }
    }

    private void Record(OpCode op, string operand, Action emit)
    {
        _listing.Append(CultureInfo.InvariantCulture, $"  IL_{il.ILOffset:x4}: {op.Name}");
        _listing.AppendLine(operand.Length == 0 ? "" : " " + operand);
        emit();
    }
}

/// <summary>The labels of an emitted escape loop and its counter.</summary>
internal sealed record IterationLoop(LocalBuilder N, Label Body, Label Test, Label Done);

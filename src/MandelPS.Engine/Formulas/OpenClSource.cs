using System.Globalization;
using System.Text;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// The residual code of a formula as an OpenCL C kernel (the pyCUDA SourceModule style, generated): one
/// statement per instruction, constants as exact hexadecimal literals, contraction off, and the kernel
/// signature GpuSource uses, so the same host code builds and runs it on any OpenCL device. Every
/// arithmetic operation rounds as the CPU's does; the library functions (exp, cos, sin, atan2, pow) are
/// the device's own, which OpenCL allows to differ in the last bits.
/// </summary>
public static class OpenClSource
{
    /// <summary>The kernel's name in the generated source.</summary>
    public const string KernelName = "escape";

    /// <summary>True if the device computes the same bits as the CPU strategies: no library call in the code.</summary>
    public static bool IsExact(ResidualProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return !program.Instructions.Any(i => ResidualOps.IsLibraryCall(i.Op));
    }

    /// <summary>
    /// Build options: single-precision division and square root correctly rounded (OpenCL otherwise allows
    /// 2.5 and 3 ulp; double is always correctly rounded).
    /// </summary>
    public static string BuildOptions(ResidualProgram program) =>
        NeedsCorrectlyRoundedDivideSqrt(program) ? "-cl-fp32-correctly-rounded-divide-sqrt" : "";

    /// <summary>True for single-precision code that divides or takes a square root (a device must allow correct rounding of those to be exact).</summary>
    public static bool NeedsCorrectlyRoundedDivideSqrt(ResidualProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program.Precision == Precision.Single && program.Instructions.Any(i => i.Op is ResidualOp.Divide or ResidualOp.Sqrt);
    }

    public static string Generate(ResidualProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var real = program.Precision == Precision.Single ? "float" : "double";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"// FormulaGpu: z -> {program.Formula.Text}, escape radius {Number(program.Formula.EscapeRadius, program.Precision)}, {program.Precision}; generated from the residual code\n");
        text.Append("#pragma OPENCL FP_CONTRACT OFF\n");
        if (program.Precision == Precision.Double)
        {
            text.Append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"typedef {real} real;\n\n");
        text.Append(CultureInfo.InvariantCulture, $"__kernel void {KernelName}(__global const real* xs, __global const real* ys, __global int* counts,\n");
        text.Append("                     int width, int rowOffset, int maxIterations)\n{\n");
        text.Append("    const int x = get_global_id(0);\n    const int y = get_global_id(1);\n");
        text.Append("    const real cx = xs[x];\n    const real cy = ys[rowOffset + y];\n");
        for (var k = 0; k < program.Constants.Count; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    const real {ResidualProgram.Name(ResidualProgram.FirstConstant + k)} = {Literal(program.Constants[k], program.Precision)}; // {ResidualProgram.Number(program.Constants[k])}\n");
        }

        text.Append("    real zx = 0;\n    real zy = 0;\n    int n = 0;\n    for (; n < maxIterations; n++) {\n");
        foreach (var instruction in program.Instructions)
        {
            text.Append(CultureInfo.InvariantCulture, $"        const real r{instruction.Target} = {Expression(instruction)};\n");
        }

        // Both parts of the next z are read before either is written (z -> conj(z) swaps nothing, but z -> i*z would).
        text.Append(CultureInfo.InvariantCulture, $"        const real nextZx = {ResidualProgram.Name(program.NextZx)};\n");
        text.Append(CultureInfo.InvariantCulture, $"        const real nextZy = {ResidualProgram.Name(program.NextZy)};\n");
        text.Append("        zx = nextZx;\n        zy = nextZy;\n");
        text.Append(CultureInfo.InvariantCulture, $"        if (zx * zx + zy * zy > {Literal(program.EscapeRadiusSquared, program.Precision)}) {{\n            break;\n        }}\n    }}\n");
        text.Append("    counts[y * width + x] = n;\n}\n");
        return text.ToString();
    }

    private static string Expression(ResidualInstruction instruction)
    {
        var left = ResidualProgram.Name(instruction.Left);
        var right = instruction.Right < 0 ? "" : ResidualProgram.Name(instruction.Right);
        return instruction.Op switch
        {
            ResidualOp.Negate => $"-{left}",
            ResidualOp.Abs => $"fabs({left})",
            ResidualOp.Sqrt => $"sqrt({left})",
            ResidualOp.Exp => $"exp({left})",
            ResidualOp.Cos => $"cos({left})",
            ResidualOp.Sin => $"sin({left})",
            ResidualOp.Atan2 => $"atan2({left}, {right})",
            ResidualOp.Pow => $"pow({left}, {right})",
            _ => $"{left} {ResidualOps.Infix(instruction.Op)} {right}",
        };
    }

    /// <summary>
    /// A C99 hexadecimal floating literal holding exactly this value in the precision (float literals get
    /// an f suffix, so a device without fp64 never sees a double); infinities as the OpenCL macros.
    /// </summary>
    public static string Literal(double value, Precision precision)
    {
        if (double.IsNaN(value))
        {
            return "NAN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "INFINITY" : "-INFINITY";
        }

        var suffix = precision == Precision.Single ? "f" : "";
        var sign = double.IsNegative(value) ? "-" : "";
        var magnitude = Math.Abs(value);
        if (magnitude == 0)
        {
            return $"{sign}0x0p+0{suffix}";
        }

        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        var lead = exponent == 0 ? 0 : 1;
        var power = exponent == 0 ? -1022 : exponent - 1023;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}0x{lead}.{mantissa:x13}p{power:+0;-0}{suffix}");
    }

    private static string Number(double value, Precision precision) =>
        precision == Precision.Single ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : ResidualProgram.Number(value);
}

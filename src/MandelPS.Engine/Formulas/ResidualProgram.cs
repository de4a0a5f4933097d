using System.Globalization;
using System.Text;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Formulas;

/// <summary>
/// What the partial evaluator leaves of a formula once the formula and its constants are known: one
/// iteration as straight-line SSA code over real registers, no complex numbers, no node kinds, no
/// unknown exponents. Registers 0..3 hold zx, zy, cx, cy; the next <see cref="Constants"/>.Count hold
/// the constants (exactly representable in <see cref="Precision"/>); each instruction then defines
/// the next register in order. After the instructions, z's next value is in
/// <see cref="NextZx"/>/<see cref="NextZy"/> and the iteration escapes when
/// zx*zx + zy*zy &gt; <see cref="EscapeRadiusSquared"/> (that comparison, in that order, for every backend).
/// A backend (IL, vector code, OpenCL C, an ILGPU static method) walks <see cref="Instructions"/> once,
/// turning each into one operation; see <see cref="ResidualOps"/>.
/// </summary>
public sealed class ResidualProgram
{
    public const int Zx = 0;
    public const int Zy = 1;
    public const int Cx = 2;
    public const int Cy = 3;
    public const int FirstConstant = 4;

    internal ResidualProgram(Formula formula, Precision precision, IReadOnlyList<double> constants, IReadOnlyList<ResidualInstruction> instructions, int nextZx, int nextZy, double escapeRadiusSquared)
    {
        Formula = formula;
        Precision = precision;
        Constants = constants;
        Instructions = instructions;
        NextZx = nextZx;
        NextZy = nextZy;
        EscapeRadiusSquared = escapeRadiusSquared;
    }

    public Formula Formula { get; }

    public Precision Precision { get; }

    /// <summary>Register FirstConstant + k holds Constants[k].</summary>
    public IReadOnlyList<double> Constants { get; }

    public IReadOnlyList<ResidualInstruction> Instructions { get; }

    public int NextZx { get; }

    public int NextZy { get; }

    /// <summary>radius^2 rounded to the precision (4 for the default radius 2).</summary>
    public double EscapeRadiusSquared { get; }

    public int RegisterCount => FirstConstant + Constants.Count + Instructions.Count;

    /// <summary>True if the register holds a constant (as opposed to an input or a computed value).</summary>
    public bool IsConstant(int register) => register >= FirstConstant && register < FirstConstant + Constants.Count;

    /// <summary>The register's name in listings: zx, zy, cx, cy or rN.</summary>
    public static string Name(int register) => register switch
    {
        Zx => "zx",
        Zy => "zy",
        Cx => "cx",
        Cy => "cy",
        _ => $"r{register}",
    };

    /// <summary>The residual code as text, one instruction a line, constants first.</summary>
    public string Listing()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"; {Formula.Text}  ({Precision}; registers zx zy cx cy, then constants, then one per instruction)");
        for (var k = 0; k < Constants.Count; k++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"r{FirstConstant + k} = {Number(Constants[k])}");
        }

        foreach (var instruction in Instructions)
        {
            text.AppendLine(instruction.ToString());
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"zx, zy = {Name(NextZx)}, {Name(NextZy)}");
        text.Append(CultureInfo.InvariantCulture, $"escape when zx*zx + zy*zy > {Number(EscapeRadiusSquared)}");
        return text.ToString();
    }

    /// <summary>A constant as listings and generated source spell it: round-trip, invariant.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

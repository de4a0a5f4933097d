using FsCheck;
using FsCheck.Fluent;
using MandelPS.Engine.Problem;

namespace MandelPS.Engine.Tests.Formulas;

/// <summary>Random formulas from a small grammar: every CPU strategy gives the same counts as FormulaSpecialized.</summary>
public sealed class FormulaPropertyTests
{
    private static readonly string[] Strategies = ["FormulaInterpreted", "FormulaCompiled", "FormulaVectorized"];

    private static readonly Gen<string> Leaves = Gen.Elements("z", "c", "i", "2", "0.5", "0.3i", "1.5");

    private static readonly Gen<string> Terms = Gen.Sized(size => Term(Math.Min(size, 4)));

    private static readonly Gen<RenderRequest> Requests =
        from body in Terms
        from power in Gen.Choose(1, 5)
        from tail in Gen.Elements("+ c", "- c", "+ c*c", "")
        from single in Gen.Elements(false, true)
        from radius in Gen.Elements(2.0, 3.0, 10.0)
        select new RenderRequest
        {
            Formula = $"z^{power} + ({body}) * 0.25 {tail}",
            EscapeRadius = radius,
            Viewport = new Viewport(-2, 1, -1.2, 1.2),
            Width = 19,
            Height = 5,
            MaxIterations = 40,
            Precision = single ? Precision.Single : Precision.Double,
        };

    [Fact]
    public void CpuStrategies_AgreeOnRandomFormulas()
    {
        var property = Prop.ForAll(Requests.ToArbitrary(), request =>
        {
            var expected = MandelbrotEngine.Render(request with { Kernel = "FormulaSpecialized" }).Counts;
            return Strategies.All(s => MandelbrotEngine.Render(request with { Kernel = s }).Counts.AsSpan().SequenceEqual(expected));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
    }

    private static Gen<string> Term(int depth) => depth <= 0
        ? Leaves
        : Gen.OneOf(
            Leaves,
            from op in Gen.Elements("+", "-", "*")
            from left in Term(depth - 1)
            from right in Term(depth - 1)
            select $"({left} {op} {right})",
            from function in Gen.Elements("abs", "re", "im", "conj", "sqr")
            from argument in Term(depth - 1)
            select $"{function}({argument})",
            from argument in Term(depth - 1)
            from n in Gen.Choose(2, 3)
            select $"({argument})^{n}");
}

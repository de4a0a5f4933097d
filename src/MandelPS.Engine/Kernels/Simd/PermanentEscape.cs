namespace MandelPS.Engine.Kernels.Simd;

/// <summary>
/// Where an escape is for good. In exact arithmetic an orbit with |z| &gt; 2 and |c| &lt;= 2 only grows
/// (|z'| &gt;= |z|^2 - |c| &gt; |z|). In floating point a computed |z|^2 &gt; 4 may be a true |z| a rounding
/// below 2, so a margin is kept: with |c| &lt;= 1.9 the next step reaches |z| &gt;= 2.1 and it grows from
/// there, far beyond rounding, until it overflows to infinity and NaN, which every "&lt;= 4" test reads
/// as outside. There a loop may test z only now and then, and at the end (<see cref="EscapeTest.FinalTest"/>).
/// </summary>
internal static class PermanentEscape
{
    public const double Radius = 1.9;

    public const double RadiusSquared = Radius * Radius;
}

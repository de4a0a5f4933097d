using MandelPS.Engine.Formats;

namespace MandelPS.Engine.Tests.Formats;

/// <summary>What a table shows of a number: about four figures (three for an interval's bounds) at every magnitude.</summary>
public sealed class DisplayRoundingTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(12345.6, "12346")]
    [InlineData(1000.0, "1000")]
    [InlineData(123.456, "123.5")]
    [InlineData(12.3456, "12.35")]
    [InlineData(1.23456, "1.235")]
    [InlineData(-1.23456, "-1.235")]
    [InlineData(0.123456, "0.1235")]
    [InlineData(0.0012345, "0.0012")]
    [InlineData(0.00012341, "1.234e-4")]
    public void FourFigures(double value, string shown) => Assert.Equal(shown, RecordWriter.Display(value));

    [Theory]
    [InlineData(999.97, "1000")]
    [InlineData(123.456, "123")]
    [InlineData(12.3456, "12.3")]
    [InlineData(1.23456, "1.23")]
    [InlineData(0.93391, "0.934")]
    [InlineData(0.011111, "0.011")]
    [InlineData(0.00012345, "1.23e-4")]
    public void ThreeFigures(double value, string shown) => Assert.Equal(shown, RecordWriter.Display(value, 3));
}

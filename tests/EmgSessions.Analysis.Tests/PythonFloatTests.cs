namespace EmgSessions.Analysis.Tests;

public sealed class PythonFloatTests
{
    [Theory]
    [InlineData(12.0, "12.0")]
    [InlineData(24.0, "24.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345.0, "123456789012345.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void Formats_doubles_like_python_repr(double value, string expected)
    {
        Assert.Equal(expected, PythonFloat.Format(value));
    }

    [Fact]
    public void Formats_a_widened_float32_with_all_its_double_digits()
    {
        Assert.Equal("0.10000000149011612", PythonFloat.Format(0.1f));
    }
}

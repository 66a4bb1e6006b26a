using EmgSessions.Web.Display;

namespace EmgSessions.Tests.Web;

/// <summary>How the dashboard writes values: volts with SI prefixes, three significant digits, "—" for a missing value.</summary>
public sealed class UnitsTests
{
    [Theory]
    [InlineData(2.6368620930787204e-05, "26.4 µV")]
    [InlineData(0.0007611328919490617, "761 µV")]
    [InlineData(0.0015, "1.5 mV")]
    [InlineData(-0.004, "-4 mV")]
    [InlineData(1.25, "1.25 V")]
    [InlineData(0.0, "0 V")]
    public void Volts_carry_the_prefix_that_keeps_three_significant_digits_readable(double volts, string expected) =>
        Assert.Equal(expected, Units.Volts(volts));

    [Fact]
    public void Missing_and_non_finite_values_are_a_dash_never_a_number()
    {
        Assert.Equal("—", Units.Volts(null));
        Assert.Equal("—", Units.Volts(double.NaN));
        Assert.Equal("—", Units.Hertz(double.PositiveInfinity));
        Assert.Equal("—", Units.Count(null));
        Assert.Equal("—", Units.Date(null));
    }

    [Fact]
    public void Times_frequencies_and_tiny_numbers_are_written_in_their_units()
    {
        Assert.Equal("409 ms", Units.Milliseconds(409.0909090909091));
        Assert.Equal("2 s", Units.Milliseconds(2000));
        Assert.Equal("2 min 55 s", Units.Seconds(175.12));
        Assert.Equal("15.1 Hz", Units.Hertz(15.064112069629683));
        Assert.Equal("2.77e-12", Units.Number(2.7672675787501497e-12));
    }
}

using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Tests.Numerics;

public sealed class ButterworthTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<double, double, bool, double[], double[]> SpecCoefficients => new()
    {
        {
            990, 20, true,
            [0.847066008943254, -3.38826403577302, 5.08239605365953, -3.38826403577302, 0.847066008943254],
            [1, -3.66841534408756, 5.0591177881335, -3.10800218717302, 0.717520823697978]
        },
        {
            990, 10, false,
            [9.34591605028605e-07, 3.73836642011442e-06, 5.60754963017163e-06, 3.73836642011442e-06, 9.34591605028605e-07],
            [1, -3.83416748069689, 5.51611444001286, -3.52908105416907, 0.847149048318778]
        },
        {
            1000, 20, true,
            [0.848475295524359, -3.39390118209744, 5.09085177314615, -3.39390118209744, 0.848475295524359],
            [1, -3.67172908916194, 5.06799838673419, -3.11596692520175, 0.719910327291871]
        },
        {
            1000, 10, false,
            [8.98486146397065e-07, 3.59394458558826e-06, 5.39091687838239e-06, 3.59394458558826e-06, 8.98486146397065e-07],
            [1, -3.83582554064735, 5.52081913662223, -3.53353521946301, 0.848555999266477]
        },
        {
            2000, 20, true,
            [0.921170993499941, -4 * 0.921170993499941, 6 * 0.921170993499941, -4 * 0.921170993499941, 0.921170993499941],
            [1, -3.83582554064735, 5.52081913662223, -3.53353521946301, 0.848555999266477]
        },
    };

    [Theory]
    [MemberData(nameof(SpecCoefficients))]
    public void Designs_the_coefficients_of_the_spec(double fs, double cutoff, bool highPass, double[] b, double[] a)
    {
        var wn = cutoff / (fs / 2);
        var filter = highPass ? Butterworth.HighPass(wn) : Butterworth.LowPass(wn);

        Numbers.AssertClose(b, filter.B, Tolerance);
        Numbers.AssertClose(a, filter.A, Tolerance);
    }

    [Fact]
    public void Designs_the_2000_Hz_low_pass_of_the_spec()
    {
        var filter = Butterworth.LowPass(10 / 1000.0);

        Numbers.AssertClose(5.84514243314449e-08, filter.B[0], Tolerance);
        Numbers.AssertClose(
            [1, -3.91790786539199, 5.75707637911807, -3.76034950769453, 0.921181929191236], filter.A, Tolerance);
        Numbers.AssertClose([1, 4, 6, 4, 1], filter.B.Select(v => v / filter.B[0]).ToArray(), 1e-13);
    }

    [Fact]
    public void Computes_the_steady_state_initial_conditions_of_the_spec()
    {
        var highPass = ZeroPhaseFilter.SteadyStateInitialConditions(Butterworth.HighPass(20 / 495.0));
        var lowPass = ZeroPhaseFilter.SteadyStateInitialConditions(Butterworth.LowPass(10 / 495.0));

        Numbers.AssertClose([-0.847066008941325, 2.54119802682462, -2.54119802682515, 0.84706600894187], highPass, 1e-11);
        Numbers.AssertClose([0.999999065474053, -2.834172153841, 2.68193667898441, -0.847148113782796], lowPass, 1e-11);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Refuses_a_cutoff_outside_the_open_unit_interval(double wn)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Butterworth.LowPass(wn));
    }
}

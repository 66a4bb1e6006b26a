using EmgSessions.Analysis.Signals;

namespace EmgSessions.Analysis.Tests.Signals;

/// <summary>The window parameters of <c>/api/sessions/{id}/signals/{channel}</c>: bad values name the parameter and its accepted form.</summary>
public sealed class SignalWindowRequestTests
{
    private const double Duration = 175.121; // 0881: 173 370 samples at 990 Hz

    [Theory]
    [InlineData("abc", null, null, "from_s", "from_s must be a number of seconds from 0 to 175.121")]
    [InlineData("-1", null, null, "from_s", "got '-1'")]
    [InlineData("NaN", null, null, "from_s", "e.g. from_s=12.5")]
    [InlineData("Infinity", null, null, "from_s", "from_s must be")]
    [InlineData("200", null, null, "from_s", "(the recording's length)")]
    [InlineData("1,5", null, null, "from_s", "got '1,5'")]
    [InlineData(null, "abc", null, "to_s", "to_s must be a number of seconds greater than from_s (0)")]
    [InlineData("10", "5", null, "to_s", "greater than from_s (10), e.g. to_s=20; got '5'")]
    [InlineData("10", "10", null, "to_s", "got '10'")]
    [InlineData(null, null, "0", "points", "points must be a whole number from 1 to 10000, e.g. points=1200; got '0'")]
    [InlineData(null, null, "10001", "points", "got '10001'")]
    [InlineData(null, null, "1.5", "points", "got '1.5'")]
    [InlineData(null, null, "", "points", "got ''")]
    [InlineData("x", "y", "z", "from_s", "got 'x'")]
    [InlineData(null, null, "123456789012345678901234567890123456789012345", "points", "got '1234567890123456789012345678901234567890…'.")]
    public void A_bad_value_is_refused_naming_the_parameter_and_the_accepted_form(string? fromS, string? toS, string? points, string parameter, string message)
    {
        var problem = SignalWindowRequest.TryParse(fromS, toS, points, Duration, out var request);

        Assert.Null(request);
        Assert.NotNull(problem);
        Assert.Equal(parameter, problem.Parameter);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, 0.0, Duration, SignalWindowRequest.DefaultPoints)]
    [InlineData("1e1", "2e1", "100", 10.0, 20.0, 100)]
    [InlineData("12.5", "1000", "2400", 12.5, Duration, 2400)]
    [InlineData(" 0 ", "0.001", "10000", 0.0, 0.001, 10_000)]
    [InlineData("175.121", null, "1", Duration, Duration + 0.0, 1)]
    public void Good_values_are_read_in_the_invariant_culture_and_the_end_is_cut_to_the_recording(
        string? fromS, string? toS, string? points, double from, double to, int count)
    {
        var problem = SignalWindowRequest.TryParse(fromS, toS, points, Duration, out var request);

        // The last case: from_s at the very end leaves no room for to_s > from_s.
        if (from == to)
        {
            Assert.Equal("to_s", problem?.Parameter);
            return;
        }

        Assert.Null(problem);
        Assert.Equal((from, to, count), (request!.FromS, request.ToS, request.Points));
    }

    [Fact]
    public void Typed_values_are_checked_the_same_way()
    {
        Assert.Equal("from_s", SignalWindowRequest.TryCreate(double.NaN, null, null, Duration, out _)?.Parameter);
        Assert.Equal("to_s", SignalWindowRequest.TryCreate(5, 4, null, Duration, out _)?.Parameter);
        Assert.Equal("points", SignalWindowRequest.TryCreate(null, null, -3, Duration, out _)?.Parameter);
        Assert.Null(SignalWindowRequest.TryCreate(5, 6, 3, Duration, out var request));
        Assert.Equal((5.0, 6.0, 3), (request!.FromS, request.ToS, request.Points));
    }
}

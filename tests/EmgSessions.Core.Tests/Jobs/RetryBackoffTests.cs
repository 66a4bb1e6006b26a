using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Processing;

namespace EmgSessions.Core.Tests.Jobs;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 0.5, 5.0)]
    [InlineData(2, 0.5, 10.0)]
    [InlineData(3, 0.0, 10.0)]
    [InlineData(3, 1.0, 30.0)]
    [InlineData(10, 0.5, 60.0)]
    public void Doubles_per_attempt_up_to_the_cap_with_jitter_of_half_either_way(int attempt, double unitRandom, double expectedSeconds)
    {
        var delay = RetryBackoff.Delay(attempt, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), unitRandom);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, 9);
    }

    [Fact]
    public void Jitter_spreads_retries_of_the_same_attempt()
    {
        var random = new Random(42);
        var delays = Enumerable.Range(0, 200).Select(_ => RetryBackoff.Delay(2, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), random.NextDouble()).TotalSeconds).ToArray();

        Assert.All(delays, d => Assert.InRange(d, 5.0, 15.0));
        Assert.True(delays.Distinct().Count() > 150);
    }
}

using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Tests.Numerics;

/// <summary>Windows longer than the ordered-sum limit (extreme rates or options) stay linear in time.</summary>
public sealed class LongWindowTests
{
    [Fact]
    public void Long_windows_use_prefix_sums_that_agree_with_the_ordered_sum_to_an_ulp_or_so()
    {
        var random = new Random(9);
        var x = Enumerable.Range(0, 5000).Select(_ => 1e-4 * random.NextDouble()).ToArray();
        var output = new double[x.Length];

        MovingAverage.Same(x, 1001, output);

        for (var i = 0; i < x.Length; i += 37)
        {
            var sum = 0.0;
            for (var k = i - 500; k <= i + 500; k++)
            {
                sum += k >= 0 && k < x.Length ? x[k] * (1.0 / 1001) : 0.0;
            }

            Numbers.AssertClose(sum, output[i], 1e-13);
        }
    }

    [Fact]
    public void A_smoothing_window_as_long_as_the_signal_stays_fast()
    {
        var x = Enumerable.Range(0, 200_000).Select(i => Math.Sin(i * 0.01)).ToArray();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = EmgAnalyzer.Analyze(new EmgRecording(["CH1"], [x], 1000), new AnalysisOptions { SmoothingWindow = 199_999 });

        Assert.NotNull(result.Channel("CH1")!.ContractionCount);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{watch.Elapsed}");
    }
}

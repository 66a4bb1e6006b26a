using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Cohort;

namespace EmgSessions.Benchmarks;

/// <summary>Synthetic cohort rows made on the fly (nothing held), as a store-backed row source would yield them.</summary>
internal static class CohortExportRows
{
    public static async IAsyncEnumerable<CohortRow> Generate(int count)
    {
        var contractions = Array.Empty<ContractionRow>();
        for (var i = 0; i < count; i++)
        {
            var x = (i % 997) / 997.0;
            var metrics = new ChannelMetrics(
                i % 2 == 0 ? "CH1" : "CH2", null, 0.0005 + x * 1e-4, 7.3e-5 + x * 1e-5, 15.06 + x, 3.86 + x, 2.7e-12 * (1 + x),
                20 + (i % 7), i % 5, 18, 3, 12, 281.4 + x, 100, 559.6, 5628.3, 1.99e-4, 7.6e-4, 2.6e-5, 2000, "backend_estimation", contractions);
            yield return new CohortRow(
                new Guid(i / 2, 0, 0, new byte[8]), $"P{i % 500:000}", null, new DateOnly(1950 + (i % 40), 1 + (i % 12), 1),
                new DateTimeOffset(2023, 1, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(i), (1 + (i % 5)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                null, metrics, new CohortScores("ghostly-v1", 60 + x * 40, 50 + x * 50, 90 - x, 70, null, true, i % 3 == 0, true, false));
            if (i % 4096 == 0)
            {
                await Task.Yield();
            }
        }
    }
}

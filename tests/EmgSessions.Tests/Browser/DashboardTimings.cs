using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// Records the figures of dashboard.md §3 that need a browser and a server (no assertion on time: they go to
/// artifacts/screenshots/timings.json for BENCHMARKS.md, written by bench/dashboard.sh): the signal window's time on
/// the server as seen by a client on loopback, and the session page's first paint, time to interactive and zoom response.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardTimings(DashboardFixture fixture)
{
    [Fact]
    public async Task The_signal_window_and_session_page_figures_are_recorded()
    {
        var client = fixture.Server.Client;
        var url = $"/api/sessions/{fixture.LongSession}/signals/CH1?points=2400&format=f32";
        await client.GetByteArrayAsync(url); // warm: the summaries are in memory from here on
        var windows = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var from = (i % 100) * 1.5;
            var started = Stopwatch.GetTimestamp();
            var bytes = await client.GetByteArrayAsync(string.Create(CultureInfo.InvariantCulture, $"/api/sessions/{fixture.LongSession}/signals/CH{1 + (i % 2)}?points=2400&format=f32&from_s={from}&to_s={from + 25}"));
            windows.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.NotEmpty(bytes);
        }

        var pages = new List<(double Paint, double Interactive, double Zoom)>();
        for (var i = 0; i < 5; i++)
        {
            var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
            await using (page)
            {
                await page.WaitForSelectorAsync("#signal-view[data-ready=true]", new WaitForSelectorOptions { Timeout = 20_000 });
                var interactive = await page.EvaluateExpressionAsync<double>("performance.now()");
                // The paint entry is queued after the frame is presented: wait for it instead of reading it too early.
                await page.WaitForFunctionAsync("() => performance.getEntriesByName('first-contentful-paint').length > 0");
                var paint = await page.EvaluateExpressionAsync<double>("performance.getEntriesByName('first-contentful-paint')[0].startTime");
                var before = await page.EvaluateExpressionAsync<int>("Number(document.getElementById('signal-view').dataset.fetches)");
                await page.EvaluateExpressionAsync("window.emgsSignalView.setWindow(40, 60)");
                await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
                var zoom = await page.EvaluateExpressionAsync<double>("Number(document.getElementById('signal-view').dataset.lastZoomMs)");
                pages.Add((paint, interactive, zoom));
            }
        }

        windows.Sort();
        var report = new
        {
            recorded_at = DateTimeOffset.UtcNow,
            processor_count = Environment.ProcessorCount,
            load_average = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Trim() : null,
            signal_window_ms = new { requests = windows.Count, p50 = windows[windows.Count / 2], p95 = windows[(int)(windows.Count * 0.95)], max = windows[^1] },
            // The chart can be drawn before the first paint is presented: the page is fully interactive at the later of the two.
            session_page_ms = pages.Select(p => new { first_contentful_paint = p.Paint, chart_drawn = p.Interactive, fully_interactive = Math.Max(p.Paint, p.Interactive), zoom_response = p.Zoom }),
        };
        var path = Path.Combine(DashboardFixture.ScreenshotDirectory, "timings.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Assert.All(pages, p => Assert.True(p.Paint > 0 && p.Interactive > 0 && p.Zoom > 0, $"paint {p.Paint} ms, chart {p.Interactive} ms, zoom {p.Zoom} ms"));
    }
}

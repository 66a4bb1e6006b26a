using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PuppeteerSharp;
using PuppeteerSharp.Input;

using static EmgSessions.Tests.Browser.SignalViewProbe;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The session page's signal view, drawn with uPlot (dashboard.md §2), in headless Chromium against the real server
/// with the 175 s recording: band + envelope per channel with SI ticks and a %MVC axis, contraction spans by flag,
/// the overview brush, drag-to-zoom with a cursor shared by both channels, the keyboard, the activated channel, and
/// every change of window fetching only that window. Screenshots: session-signals-whole.png, -cursor.png and -contraction.png.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class SignalViewBrowserTests(DashboardFixture fixture)
{
    /// <summary>What each channel panel shows, as the page reports it (window.emgsSignalView.describe()).</summary>
    [GeneratedRegex(@"^-?\d+(\.\d{1,3})? (µV|mV)$")]
    private static partial Regex VoltsTick();

    [GeneratedRegex(@"^\d+(\.\d{1,3})? s$")]
    private static partial Regex SecondsTick();

    [GeneratedRegex(@"^-?[\d,]+ %$")]
    private static partial Regex PercentTick();

    [Fact]
    public async Task Each_channel_is_a_uPlot_chart_with_a_min_max_band_an_envelope_SI_ticks_and_a_percent_of_MVC_axis()
    {
        var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var duration = await DurationAsync(page);
            var charts = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#signal-view .uplot').length");
            var plotWidth = (double)(await BoxAsync(page, "[data-plot=channel][data-channel=CH1] .u-over")).Width;
            var panels = await DescribeAsync(page);
            var labels = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#signal-view [data-plot]')].map(e => e.getAttribute('role') + ': ' + e.getAttribute('aria-label'))");
            await (await page.QuerySelectorAsync("#signal-view")).ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-signals-whole.png"));

            Assert.Equal(3, charts); // two channels and the overview
            Assert.Equal(["CH1", "CH2"], panels.Select(p => p.GetProperty("channel").GetString()));
            foreach (var panel in panels)
            {
                // One bucket per pixel of the plot: the buckets of 173,370 samples split into about that many.
                var drawn = panel.GetProperty("drawn").GetInt32();
                Assert.InRange(drawn, plotWidth * 0.95, Math.Min(2400, plotWidth * 1.05));
                Assert.False(panel.GetProperty("samples").GetBoolean());
                Assert.Equal([[2, 1]], panel.GetProperty("bands").EnumerateArray().Select(b => b.EnumerateArray().Select(i => i.GetInt32()).ToArray()));
                Assert.Equal(
                    ["raw min:True", "raw max:True", "envelope:True", "activated:False"],
                    panel.GetProperty("series").EnumerateArray().Select(s => $"{s.GetProperty("label").GetString()}:{s.GetProperty("show").GetBoolean()}"));
                var scale = panel.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.Equal(0, scale[0], 3);
                Assert.Equal(duration, scale[1], 1e-3);
                var ticks = panel.GetProperty("ticks");
                Assert.All(Strings(ticks, "volts"), t => Assert.Matches(VoltsTick(), t));
                Assert.All(Strings(ticks, "time"), t => Assert.Matches(SecondsTick(), t));
                Assert.All(Strings(ticks, "pct"), t => Assert.Matches(PercentTick(), t));
                Assert.True(Strings(ticks, "volts").Length >= 3 && Strings(ticks, "time").Length >= 5, ticks.ToString());
                Assert.Contains("0 %", Strings(ticks, "pct"));
            }

            Assert.All(labels, l => Assert.StartsWith("img: ", l, StringComparison.Ordinal));
            Assert.Contains(labels, l => l.Contains("EMG of channel CH2", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_contraction_of_the_analytics_is_shaded_with_its_flag_on_the_whole_recording()
    {
        var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var panels = await DescribeAsync(page);

            var analytics = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{fixture.LongSession}/analytics")).GetProperty("analytics");
            foreach (var panel in panels)
            {
                var stored = analytics.GetProperty(panel.GetProperty("channel").GetString()!).GetProperty("contractions").EnumerateArray().ToArray();
                var spans = panel.GetProperty("spans").EnumerateArray().ToArray();
                Assert.Equal(stored.Length, spans.Length);
                Assert.NotEmpty(spans);
                for (var i = 0; i < spans.Length; i++)
                {
                    Assert.Equal(stored[i].GetProperty("start_time_ms").GetDouble() / 1000, spans[i].GetProperty("from").GetDouble(), 1e-9);
                    Assert.Equal(stored[i].GetProperty("end_time_ms").GetDouble() / 1000, spans[i].GetProperty("to").GetDouble(), 1e-9);
                    Assert.Equal(FlagOf(stored[i]), spans[i].GetProperty("flag").GetString());
                }
            }
        }
    }

    [Fact]
    public async Task Dragging_across_the_overview_shows_that_stretch_on_both_channels_and_fetches_only_it()
    {
        var (page, requests) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var duration = await DurationAsync(page);
            var box = await BoxAsync(page, "[data-plot=overview] .u-over");
            Forget(requests);
            var before = await FetchesAsync(page);
            await DragAsync(page, box.X + (box.Width * 0.25m), box.X + (box.Width * 0.5m), box.Y + (box.Height / 2));
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
            var window = await WindowAsync(page);
            var panels = await DescribeAsync(page);

            var pixel = duration / (double)box.Width;
            Assert.Equal(duration * 0.25, window[0], 3 * pixel);
            Assert.Equal(duration * 0.5, window[1], 3 * pixel);
            AssertPanelsShow(panels, window);

            AssertOnlyWindowFetched(requests, window, expected: 4); // CH1 and CH2, raw and envelope
        }
    }

    [Fact]
    public async Task Dragging_across_one_channel_zooms_both_and_the_cursor_over_one_is_drawn_on_the_other()
    {
        var (page, requests) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var duration = await DurationAsync(page);
            var box = await BoxAsync(page, "[data-plot=channel][data-channel=CH1] .u-over");
            await page.Mouse.MoveAsync(box.X + (box.Width * 0.3m), box.Y + (box.Height / 2));
            await page.WaitForFunctionAsync("() => window.emgsSignalView.describe().every(p => p.cursor > 0)");
            var cursors = (await DescribeAsync(page)).Select(p => p.GetProperty("cursor").GetDouble()).ToArray();
            var readout = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-readout]').textContent");
            await page.ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-signals-cursor.png")); // the viewport, where the pointer is

            Assert.Equal(cursors[0], cursors[1], 1.0);
            Assert.Equal((double)box.Width * 0.3, cursors[0], 2.0);
            Assert.Matches(@"^\d+\.\d+ s · raw .+ … .+ · envelope .+ \(\d+ % MVC\)$", readout); // the recording's analytics hold each channel's MVC value

            Forget(requests);
            var before = await FetchesAsync(page);
            await DragAsync(page, box.X + (box.Width * 0.6m), box.X + (box.Width * 0.7m), box.Y + (box.Height / 2));
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
            var window = await WindowAsync(page);

            Assert.Equal(duration * 0.6, window[0], 0.5);
            Assert.Equal(duration * 0.7, window[1], 0.5);
            AssertOnlyWindowFetched(requests, window, expected: 4);
        }
    }

    [Fact]
    public async Task The_wheel_over_a_channel_zooms_in_around_the_time_under_the_pointer()
    {
        var (page, requests) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var duration = await DurationAsync(page);
            var box = await BoxAsync(page, "[data-plot=channel][data-channel=CH1] .u-over");
            await page.Mouse.MoveAsync(box.X + (box.Width * 0.25m), box.Y + (box.Height / 2));
            Forget(requests);
            var before = await FetchesAsync(page);
            await page.Mouse.WheelAsync(0, -100);
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
            var window = await WindowAsync(page);

            // 0.7 of the span, the pointer's time (a quarter in) staying a quarter in.
            var pointer = duration * 0.25;
            Assert.Equal(duration * 0.7, window[1] - window[0], 0.01);
            Assert.Equal(pointer, window[0] + ((window[1] - window[0]) * 0.25), 3 * duration / (double)box.Width);
            AssertOnlyWindowFetched(requests, window, expected: 4);
        }
    }

    [Fact]
    public async Task With_a_chart_focused_plus_minus_and_the_arrow_keys_zoom_and_pan()
    {
        var (page, requests) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var duration = await DurationAsync(page);
            await page.FocusAsync("[data-plot=channel][data-channel=CH2]");

            var zoomedIn = await PressAsync(page, "NumpadAdd");
            Assert.Equal(duration / 4, zoomedIn[0], 0.05);
            Assert.Equal(duration * 3 / 4, zoomedIn[1], 0.05);

            Forget(requests);
            var panned = await PressAsync(page, "ArrowRight");
            Assert.Equal(zoomedIn[0] + ((zoomedIn[1] - zoomedIn[0]) / 4), panned[0], 0.05);
            Assert.Equal(zoomedIn[1] - zoomedIn[0], panned[1] - panned[0], 0.05);
            AssertOnlyWindowFetched(requests, panned, expected: 4);

            var zoomedOut = await PressAsync(page, "Minus");
            Assert.Equal(Math.Min(duration, 2 * (panned[1] - panned[0])), zoomedOut[1] - zoomedOut[0], 0.05);
            var whole = await PressAsync(page, "Home");
            Assert.Equal(0, whole[0], 3);
            Assert.Equal(duration, whole[1], 1e-3);
        }
    }

    [Fact]
    public async Task Ticking_activated_channels_fetches_and_draws_the_activated_signal()
    {
        var (page, requests) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            Forget(requests);
            var before = await FetchesAsync(page);
            await page.ClickAsync("[data-action=activated]");
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
            var shown = (await DescribeAsync(page)).Select(p => p.GetProperty("series")[3].GetProperty("show").GetBoolean());

            Assert.Equal([true, true], shown);
            string[] activated;
            lock (requests)
            {
                activated = [.. requests.Where(r => r.Contains("kind=activated", StringComparison.Ordinal))];
            }

            Assert.Equal(2, activated.Length);
        }
    }

    [Fact]
    public async Task A_contraction_chosen_in_the_table_is_drawn_sample_by_sample_with_its_span_and_the_threshold()
    {
        var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var before = await FetchesAsync(page);
            await page.ClickAsync("table.contractions[data-channel=CH2] button[data-zoom-from]");
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
            var panels = await DescribeAsync(page);
            await (await page.QuerySelectorAsync("#signal-view")).ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-signals-contraction.png"));

            // CH2's first contraction lasts 312 ms: the window is it with a margin, about 1,000 samples at 990 Hz.
            Assert.All(panels, p => Assert.True(p.GetProperty("samples").GetBoolean(), p.ToString()));
            Assert.All(panels, p => Assert.InRange(p.GetProperty("drawn").GetInt32(), 500, 1200));
            Assert.Single(panels[1].GetProperty("spans").EnumerateArray());
            Assert.All(Strings(panels[1].GetProperty("ticks"), "volts"), t => Assert.Matches(VoltsTick(), t));
            Assert.All(Strings(panels[1].GetProperty("ticks"), "time"), t => Assert.Matches(@"^\d+\.\d{1,3} s$", t));
        }
    }

    [Fact]
    public async Task A_narrower_window_refits_the_charts_and_fetches_one_point_per_pixel_again()
    {
        var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await WaitReadyAsync(page);
            var wide = (double)(await BoxAsync(page, "[data-plot=channel][data-channel=CH1] .u-over")).Width;
            var before = await FetchesAsync(page);
            await page.SetViewportAsync(new ViewPortOptions { Width = 1024, Height = 768 });
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
            var narrow = (double)(await BoxAsync(page, "[data-plot=channel][data-channel=CH1] .u-over")).Width;
            var panels = await DescribeAsync(page);

            Assert.InRange(wide - narrow, 200, 300); // 256 px less
            Assert.All(panels, p => Assert.InRange(p.GetProperty("drawn").GetInt32(), narrow * 0.95, narrow * 1.05));
        }
    }

    [Fact]
    public async Task When_the_server_refuses_the_signal_the_view_says_why_and_what_to_do()
    {
        // The server's own 409 answer for a recording that cannot be read, given to the page for every window.
        const string Refusal = """{"title":"Signals unavailable","status":409,"detail":"The recording of this session cannot be shown: the file is missing. Upload the file again or reprocess the session."}""";
        var page = await fixture.Browser.NewPageAsync();
        await using (page)
        {
            await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800 });
            await page.SetRequestInterceptionAsync(true);
            page.Request += async (_, e) =>
            {
                if (e.Request.Url.Contains("/signals/", StringComparison.Ordinal))
                {
                    await e.Request.RespondAsync(new ResponseData { Status = System.Net.HttpStatusCode.Conflict, ContentType = "application/problem+json", Body = Refusal });
                }
                else
                {
                    await e.Request.ContinueAsync();
                }
            };
            await page.GoToAsync(new Uri(fixture.Address, $"/sessions/{fixture.LongSession}").ToString(), WaitUntilNavigation.Load);
            await page.WaitForFunctionAsync("() => document.querySelector('[data-window-label]').textContent.startsWith('The signal could not')");
            var label = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-window-label]').textContent");
            var ready = await page.EvaluateExpressionAsync<string?>("document.getElementById('signal-view').dataset.ready ?? null");

            Assert.Equal("The signal could not be loaded: The recording of this session cannot be shown: the file is missing. Upload the file again or reprocess the session. Reload the page to try again.", label);
            Assert.Null(ready);
        }
    }

    /// <summary>The recording's duration (s) as the page has it from the database.</summary>
    private static Task<double> DurationAsync(IPage page) =>
        page.EvaluateExpressionAsync<double>("Number(document.getElementById('signal-view').dataset.duration)");

    private static void Forget(List<string> requests)
    {
        lock (requests)
        {
            requests.Clear();
        }
    }

    private static string FlagOf(JsonElement c) =>
        c.GetProperty("is_good").GetBoolean() ? "good" : c.GetProperty("meets_mvc").GetBoolean() ? "mvc" : c.GetProperty("meets_duration").GetBoolean() ? "duration" : "neither";

    private static string[] Strings(JsonElement ticks, string name) => [.. ticks.GetProperty(name).EnumerateArray().Select(t => t.GetString()!)];


    private static async Task<BoundingBox> BoxAsync(IPage page, string selector) =>
        await (await page.QuerySelectorAsync(selector)).BoundingBoxAsync();

    /// <summary>Presses a key and returns the window once it is fetched and drawn.</summary>
    private static async Task<double[]> PressAsync(IPage page, string key)
    {
        var before = await FetchesAsync(page);
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before}");
        return await WindowAsync(page);
    }

    private static void AssertOnlyWindowFetched(List<string> requests, double[] window, int expected)
    {
        string[] fetched;
        lock (requests)
        {
            fetched = [.. requests.Where(r => r.Contains("/signals/", StringComparison.Ordinal))];
        }

        Assert.Equal(expected, fetched.Length);
        foreach (var url in fetched)
        {
            var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            Assert.Equal(window[0], double.Parse(query["from_s"], CultureInfo.InvariantCulture), 1e-3);
            Assert.Equal(window[1], double.Parse(query["to_s"], CultureInfo.InvariantCulture), 1e-3);
            Assert.InRange(int.Parse(query["points"], CultureInfo.InvariantCulture), 100, 2400);
        }
    }
}

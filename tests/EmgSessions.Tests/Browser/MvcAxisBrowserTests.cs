using System.Globalization;
using System.Text.Json;
using EmgSessions.Testing.Databases;
using PuppeteerSharp;

using static EmgSessions.Tests.Browser.SignalViewProbe;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The signal view's right axis as a true % of MVC (the MVC value stored in the analytics' session_parameters_used),
/// the "% of threshold" fallback for a channel without one, and touch on the charts: a finger dragged across a channel
/// zooms to that stretch, a tap on a contraction picks it. Headless Chromium against the real server
/// (<see cref="DashboardFixture"/>). Screenshots: session-signals-mvc-axis.png, -mvc-fallback.png and -touch.png.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class MvcAxisBrowserTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_right_axis_ticks_are_percent_of_each_channels_MVC_value_from_the_database()
    {
        var stored = await StoredMvcAsync(fixture.LongSession);
        var page = await OpenAsync(fixture.LongSession);
        await using (page)
        {
            var panels = await DescribeAsync(page);
            var captions = await CaptionsAsync(page);
            await (await page.QuerySelectorAsync("#signal-view")).ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-signals-mvc-axis.png"));

            Assert.Equal(["CH1", "CH2"], panels.Select(p => p.GetProperty("channel").GetString()));
            foreach (var panel in panels)
            {
                var channel = panel.GetProperty("channel").GetString()!;
                var (mvc, percent, _) = stored[channel];
                Assert.NotNull(mvc);
                Assert.Equal("% MVC", panel.GetProperty("pctLabel").GetString());
                AssertTicksArePercentOf(panel, mvc.Value);
                Assert.Contains($"({percent!.Value.ToString("0.##", CultureInfo.InvariantCulture)} % of the MVC ", captions[channel], StringComparison.Ordinal);
                Assert.DoesNotContain("No MVC value", captions[channel], StringComparison.Ordinal);
            }

            // The cursor's readout gives the envelope in % MVC as well.
            var box = await (await page.QuerySelectorAsync("[data-plot=channel][data-channel=CH1] .u-over")).BoundingBoxAsync();
            await page.Mouse.MoveAsync(box.X + (box.Width * 0.3m), box.Y + (box.Height / 2));
            await page.WaitForFunctionAsync("() => document.querySelector('[data-readout]').textContent.length > 0");
            var readout = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-readout]').textContent");
            Assert.Matches(@"· envelope .+ \(\d+ % MVC\)$", readout);
        }
    }

    [Fact]
    public async Task A_channel_whose_analytics_hold_no_MVC_value_keeps_a_percent_of_threshold_axis_and_the_page_says_so()
    {
        // The predecessor's entries (and any without session_parameters_used) have the threshold but not the MVC behind it.
        var session = fixture.Sessions[2];
        var original = (string)(await TestDatabaseSql.QueryAsync(fixture.DatabaseSpec, $"SELECT analytics_cache FROM therapy_sessions WHERE id = '{session}'")).Single()[0]!;
        Assert.Equal(1, await TestDatabaseSql.ExecuteAsync(fixture.DatabaseSpec,
            $"UPDATE therapy_sessions SET analytics_cache = json_remove(analytics_cache, '$.session_parameters_used.session_mvc_values.CH2') WHERE id = '{session}'"));
        try
        {
            var stored = await StoredMvcAsync(session);
            Assert.Null(stored["CH2"].Mvc);
            Assert.NotNull(stored["CH2"].Threshold);
            var page = await OpenAsync(session);
            await using (page)
            {
                var panels = await DescribeAsync(page);
                var captions = await CaptionsAsync(page);
                await (await page.QuerySelectorAsync("#signal-view")).ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-signals-mvc-fallback.png"));

                var ch1 = panels.Single(p => p.GetProperty("channel").GetString() == "CH1");
                var ch2 = panels.Single(p => p.GetProperty("channel").GetString() == "CH2");
                Assert.Equal("% MVC", ch1.GetProperty("pctLabel").GetString());
                AssertTicksArePercentOf(ch1, stored["CH1"].Mvc!.Value);
                Assert.Equal("% of threshold", ch2.GetProperty("pctLabel").GetString());
                AssertTicksArePercentOf(ch2, stored["CH2"].Threshold!.Value);
                Assert.Contains("No MVC value is stored for this channel: the right axis is % of the MVC threshold, not % MVC", captions["CH2"], StringComparison.Ordinal);
                Assert.DoesNotContain("No MVC value", captions["CH1"], StringComparison.Ordinal);
            }
        }
        finally
        {
            await TestDatabaseSql.ExecuteAsync(fixture.DatabaseSpec,
                $"UPDATE therapy_sessions SET analytics_cache = '{original.Replace("'", "''", StringComparison.Ordinal)}' WHERE id = '{session}'");
        }
    }

    [Fact]
    public async Task A_finger_dragged_across_a_channel_zooms_both_channels_to_the_dragged_stretch()
    {
        var page = await OpenAsync(fixture.LongSession);
        await using (page)
        {
            var duration = await page.EvaluateExpressionAsync<double>("Number(document.getElementById('signal-view').dataset.duration)");
            // The second channel is below the fold at 1280×800: bring it into view, where a finger can reach it.
            await page.EvaluateExpressionAsync("document.querySelector('[data-plot=channel][data-channel=CH2]').scrollIntoView({ block: 'center', behavior: 'instant' })");
            var box = await (await page.QuerySelectorAsync("[data-plot=channel][data-channel=CH2] .u-over")).BoundingBoxAsync();
            var before = await FetchesAsync(page);
            var y = box.Y + (box.Height / 2);
            await page.Touchscreen.TouchStartAsync(box.X + (box.Width * 0.4m), y);
            for (var step = 1; step <= 10; step++)
            {
                await page.Touchscreen.TouchMoveAsync(box.X + (box.Width * (0.4m + (0.02m * step))), y);
            }

            await page.Touchscreen.TouchEndAsync();
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before} && document.getElementById('signal-view').dataset.ready === 'true'");
            var window = await WindowAsync(page);
            var panels = await DescribeAsync(page);
            await (await page.QuerySelectorAsync("#signal-view")).ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-signals-touch.png"));

            // From 40 % to 60 % of the plot's width, to within two pixels.
            var pixel = duration / (double)box.Width;
            Assert.Equal(duration * 0.4, window[0], 2 * pixel);
            Assert.Equal(duration * 0.6, window[1], 2 * pixel);
            AssertPanelsShow(panels, window);

            Assert.Null(await page.EvaluateExpressionAsync<string?>("document.getElementById('signal-view').dataset.picked ?? null"));
        }
    }

    [Fact]
    public async Task A_tap_on_a_contraction_picks_it_and_zooms_to_it()
    {
        var page = await OpenAsync(fixture.LongSession);
        await using (page)
        {
            var duration = await page.EvaluateExpressionAsync<double>("Number(document.getElementById('signal-view').dataset.duration)");
            var spans = (await DescribeAsync(page)).Single(p => p.GetProperty("channel").GetString() == "CH1").GetProperty("spans").EnumerateArray().ToArray();
            var third = spans[2];
            var (from, to) = (third.GetProperty("from").GetDouble(), third.GetProperty("to").GetDouble());
            var box = await (await page.QuerySelectorAsync("[data-plot=channel][data-channel=CH1] .u-over")).BoundingBoxAsync();
            var before = await FetchesAsync(page);
            await page.Touchscreen.TapAsync(box.X + (box.Width * (decimal)((from + to) / 2 / duration)), box.Y + (box.Height / 2));
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {before} && document.getElementById('signal-view').dataset.ready === 'true'");
            var window = await WindowAsync(page);
            var picked = await page.EvaluateExpressionAsync<string>("document.getElementById('signal-view').dataset.picked");
            var label = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-window-label]').textContent");

            Assert.Equal("CH1:3", picked);
            var margin = Math.Max(0.2, (to - from) * 0.5);
            Assert.Equal(from - margin, window[0], 1e-3);
            Assert.Equal(to + margin, window[1], 1e-3);
            Assert.EndsWith($"picked: CH1 contraction 3: {from.ToString("0.00", CultureInfo.InvariantCulture)} s – {to.ToString("0.00", CultureInfo.InvariantCulture)} s ({FlagName(third.GetProperty("flag").GetString())})", label, StringComparison.Ordinal);
        }
    }

    /// <summary>Each % tick sits where its value of <paramref name="reference"/> volts is on the volts scale (0.5 for the label's rounding).</summary>
    private static void AssertTicksArePercentOf(JsonElement panel, double reference)
    {
        var ticks = panel.GetProperty("ticks");
        var labels = ticks.GetProperty("pct").EnumerateArray().Select(t => t.GetString()!).ToArray();
        var volts = ticks.GetProperty("pctAt").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(labels.Length, volts.Length);
        Assert.True(labels.Length >= 3, string.Join(", ", labels));
        Assert.Contains(labels, l => l != "0 %");
        for (var i = 0; i < labels.Length; i++)
        {
            var shown = double.Parse(labels[i].TrimEnd('%', ' ').Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            Assert.Equal(volts[i] / reference * 100, shown, 0.5 + 1e-6);
        }
    }

    private static string FlagName(string? flag) => flag switch
    {
        "good" => "good",
        "mvc" => "MVC only",
        "duration" => "duration only",
        _ => "neither",
    };

    /// <summary>Per channel the MVC (V) and % behind its threshold and the threshold (V), as the analytics cache stores them.</summary>
    private async Task<Dictionary<string, (double? Mvc, double? Percent, double? Threshold)>> StoredMvcAsync(Guid session)
    {
        var json = (string)(await TestDatabaseSql.QueryAsync(fixture.DatabaseSpec, $"SELECT analytics_cache FROM therapy_sessions WHERE id = '{session}'")).Single()[0]!;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var used = root.GetProperty("session_parameters_used");
        var result = new Dictionary<string, (double?, double?, double?)>(StringComparer.Ordinal);
        foreach (var channel in root.GetProperty("analytics").EnumerateObject())
        {
            result[channel.Name] = (
                Number(used.GetProperty("session_mvc_values"), channel.Name),
                Number(used.GetProperty("session_mvc_threshold_percentages"), channel.Name),
                channel.Value.GetProperty("mvc_threshold_actual_value").GetDouble());
        }

        return result;
    }

    private static double? Number(JsonElement map, string name) =>
        map.ValueKind == JsonValueKind.Object && map.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>The session page at 1280×800 on a touch screen (touch and mouse both), its signal view drawn.</summary>
    private async Task<IPage> OpenAsync(Guid session)
    {
        var page = await fixture.Browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800, HasTouch = true });
        var response = await page.GoToAsync(new Uri(fixture.Address, $"/sessions/{session}").ToString(), WaitUntilNavigation.Load);
        Assert.True(response.Ok, $"the session page answered {(int)response.Status}");
        await WaitReadyAsync(page);
        return page;
    }

    private static async Task<Dictionary<string, string>> CaptionsAsync(IPage page) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(await page.EvaluateExpressionAsync<string>(
            "JSON.stringify(Object.fromEntries([...document.querySelectorAll('#signal-view figure.channel')].map(f => [f.querySelector('[data-plot=channel]').dataset.channel, f.querySelector('figcaption').textContent])))"))!;
}

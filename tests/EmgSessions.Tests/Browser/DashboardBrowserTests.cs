using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The dashboard in headless Chromium against a real server with real recordings (dashboard.md §5): the pages
/// render, the chart draws from the signal endpoint, zooming refetches only the window and reaches the samples, the
/// contraction counts are the analytics', a failed session shows its error, what-if is a simulation, and no page
/// shows a number that is not from the database.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardFixture fixture)
{
    /// <summary>
    /// Digit-bearing text outside a [data-db] element (a value not from the database), as "tag: text"; [data-view] marks
    /// the chart's current window, which the person chooses.
    /// </summary>
    private const string NumbersNotFromTheDatabase = """
        (() => {
          const found = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            const parent = node.parentElement;
            if (!/[0-9]/.test(text) || parent.closest("[data-db], [data-view], script, style, code, noscript")) continue;
            if (parent.closest("[hidden]") || getComputedStyle(parent).display === "none") continue;
            found.push(parent.tagName.toLowerCase() + ": " + text);
          }
          return found;
        })()
        """;

    [Fact]
    public async Task Every_page_shows_only_numbers_from_the_database_and_is_saved_as_a_screenshot()
    {
        var pages = new (string Name, string Path)[]
        {
            ("overview", "/"),
            ("sessions", "/sessions"),
            ("session", $"/sessions/{fixture.LongSession}"),
            ("session-failed", $"/sessions/{fixture.FailedSession}"),
            ("patient", "/patients/P005"),
            ("what-if", $"/analyse?session={fixture.LongSession}&mvc=40&duration=300&factor=0.2"),
            ("operations", "/operations"),
            ("users-and-patients", "/admin"),
        };
        var offending = new List<string>();
        foreach (var (name, path) in pages)
        {
            var (page, _) = await fixture.OpenAsync(path);
            await using (page)
            {
                if (name == "session")
                {
                    await page.WaitForSelectorAsync("#signal-view[data-ready=true]", new WaitForSelectorOptions { Timeout = 20_000 });
                    await page.ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-first-screen.png"));
                }

                offending.AddRange((await page.EvaluateExpressionAsync<string[]>(NumbersNotFromTheDatabase)).Select(t => $"{path} → {t}"));
                await DashboardFixture.ScreenshotAsync(page, name);
            }
        }

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    [Fact]
    public async Task The_sessions_page_lists_every_session_and_the_failed_one_with_its_error()
    {
        var (page, _) = await fixture.OpenAsync("/sessions");
        await using (page)
        {
            var rows = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-session]')].map(r => r.dataset.session)");
            var failedText = await page.EvaluateExpressionAsync<string>($"document.querySelector('tr[data-session=\"{fixture.FailedSession}\"]').innerText");

            Assert.Equal(fixture.Sessions.Select(s => s.ToString()).Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
            Assert.Contains("failed", failedText, StringComparison.Ordinal);
            var stored = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{fixture.FailedSession}");
            Assert.Contains(stored.GetProperty("processing_error_message").GetString()!, failedText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_session_page_draws_every_channel_and_shows_the_contraction_counts_of_the_analytics()
    {
        var (page, requests) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await page.WaitForSelectorAsync("#signal-view[data-ready=true]", new WaitForSelectorOptions { Timeout = 20_000 });
            var inked = await page.EvaluateExpressionAsync<int[]>("""
                [...document.querySelectorAll('canvas.signal')].map(c => {
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                  return n;
                })
                """);
            var shown = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-metric=contractions] td')].map(td => td.innerText.trim())");
            var rows = await page.EvaluateExpressionAsync<int[]>("[...document.querySelectorAll('table.contractions')].map(t => t.tBodies[0].rows.length)");

            var analytics = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{fixture.LongSession}/analytics")).GetProperty("analytics");
            var counts = new[] { "CH1", "CH2" }.Select(c => analytics.GetProperty(c).GetProperty("contraction_count").GetInt32()).ToArray();
            Assert.Equal(2, inked.Length);
            Assert.All(inked, n => Assert.True(n > 10_000, $"a channel's canvas has only {n} drawn pixels"));
            Assert.Equal(counts.Select(c => c.ToString(CultureInfo.InvariantCulture)), shown);
            Assert.Equal(counts, rows);
            Assert.DoesNotContain(requests, r => r.Contains("/analytics", StringComparison.Ordinal) || r.Contains("/upload", StringComparison.Ordinal));
            Assert.Contains(requests, r => r.Contains("/signals/CH1?kind=raw", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Choosing_a_contraction_refetches_only_its_window_and_the_deepest_zoom_draws_the_samples()
    {
        var (page, requests) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            await page.WaitForSelectorAsync("#signal-view[data-ready=true]", new WaitForSelectorOptions { Timeout = 20_000 });
            var fetchesBefore = await page.EvaluateExpressionAsync<int>("Number(document.getElementById('signal-view').dataset.fetches)");
            lock (requests)
            {
                requests.Clear();
            }

            var button = await page.QuerySelectorAsync("table.contractions button[data-zoom-from]");
            var from = double.Parse(await button.EvaluateFunctionAsync<string>("b => b.dataset.zoomFrom"), CultureInfo.InvariantCulture);
            await button.ClickAsync();
            await page.WaitForFunctionAsync($"() => Number(document.getElementById('signal-view').dataset.fetches) > {fetchesBefore}");
            var window = await page.EvaluateExpressionAsync<double[]>("[Number(document.getElementById('signal-view').dataset.from), Number(document.getElementById('signal-view').dataset.to)]");

            Assert.True(window[0] < from && window[1] - window[0] < 5, $"window {window[0]}–{window[1]} s for a contraction at {from} s");
            string[] fetched;
            lock (requests)
            {
                fetched = [.. requests.Where(r => r.Contains("/signals/", StringComparison.Ordinal))];
            }

            Assert.NotEmpty(fetched);
            Assert.All(fetched, r => Assert.Contains("from_s=" + window[0].ToString("0.###", CultureInfo.InvariantCulture), r, StringComparison.Ordinal));

            await page.EvaluateExpressionAsync("window.emgsSignalView.setWindow(10, 10.1)");
            await page.WaitForFunctionAsync("() => document.querySelector('canvas.signal').dataset.drawn === '100' || document.querySelector('canvas.signal').dataset.drawn === '99'");
            await DashboardFixture.ScreenshotAsync(page, "session-deepest-zoom");
        }
    }

    [Fact]
    public async Task The_page_of_a_failed_session_shows_its_error_and_no_chart()
    {
        var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.FailedSession}");
        await using (page)
        {
            var error = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-session-error]').innerText");
            var charts = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('canvas.signal').length");

            var stored = await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{fixture.FailedSession}");
            Assert.Contains(stored.GetProperty("processing_error_message").GetString()!, error, StringComparison.Ordinal);
            Assert.Equal(0, charts);
        }
    }

    [Fact]
    public async Task What_if_is_labelled_a_simulation_and_leaves_the_stored_analysis_unchanged()
    {
        var before = await fixture.Server.Client.GetStringAsync($"/api/sessions/{fixture.LongSession}/analytics");
        var (page, _) = await fixture.OpenAsync($"/analyse?session={fixture.LongSession}&mvc=10&duration=100&factor=0.2");
        await using (page)
        {
            var note = await page.EvaluateExpressionAsync<string>("document.querySelector('.simulation').innerText");
            var cells = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-simulated=CH1] td')].map(td => td.innerText)");

            Assert.StartsWith("Simulation.", note, StringComparison.Ordinal);
            var stored = JsonDocument.Parse(before).RootElement.GetProperty("analytics").GetProperty("CH1");
            Assert.StartsWith(stored.GetProperty("good_contraction_count").GetInt32().ToString(CultureInfo.InvariantCulture) + " → ", cells[0], StringComparison.Ordinal);
            // Every contraction lasts at least 100 ms, so with a 100 ms target all of them meet the duration.
            Assert.Equal($"{stored.GetProperty("duration_contraction_count").GetInt32()} → {stored.GetProperty("contraction_count").GetInt32()}", cells[2]);
            Assert.Equal(before, await fixture.Server.Client.GetStringAsync($"/api/sessions/{fixture.LongSession}/analytics"));
        }
    }
}

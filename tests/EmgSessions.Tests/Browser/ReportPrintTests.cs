using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmgSessions.Testing;
using EmgSessions.Tests.EndToEnd;
using UglyToad.PdfPig;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The printable reports over a real server and a real recording: the session page holds one chart per channel with
/// its contractions and the metrics of the API, and headless Chromium prints it to a PDF in which every word (chart
/// labels included) lies inside the page, i.e. nothing is cut off.
/// </summary>
public sealed partial class ReportPrintTests : IAsyncLifetime
{
    private const string Key = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";
    private const string Chromium = "/usr/bin/chromium";

    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres: false);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_session_report_shows_a_chart_per_channel_with_its_contractions_and_the_metrics_of_the_api()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var analytics = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/analytics")).GetProperty("analytics");

        using var response = await server.Client.GetAsync($"/reports/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<dd>P005</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>2023-03-21 17:50 UTC</dd>", html, StringComparison.Ordinal);
        foreach (var channel in analytics.EnumerateObject())
        {
            var chart = Regex.Match(html, $"<svg class=\"signal\"[^>]*data-channel=\"{channel.Name}\".*?</svg>", RegexOptions.Singleline);
            Assert.True(chart.Success, $"no chart for {channel.Name}");
            Assert.Contains("<polyline class=\"envelope\"", chart.Value, StringComparison.Ordinal);
            Assert.Equal(channel.Value.GetProperty("contractions").GetArrayLength(), Regex.Count(chart.Value, "<rect class=\"contraction "));
            Assert.Equal(channel.Value.GetProperty("good_contraction_count").GetInt32(), Regex.Count(chart.Value, "<rect class=\"contraction good\""));
            var rms = channel.Value.GetProperty("rms").GetDouble().ToString("G4", CultureInfo.InvariantCulture);
            Assert.Contains($"<td>{channel.Name}</td>", html, StringComparison.Ordinal);
            Assert.Contains($"<td>{rms}</td>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<table class=\"scores\">", html, StringComparison.Ordinal); // scored after Phase 2

        using var patient = await server.Client.GetAsync("/reports/patients/P005");
        var progress = await patient.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, patient.StatusCode);
        Assert.Contains($"<a href=\"/reports/sessions/{id:D}\">session</a>", progress, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"progress\"", progress, StringComparison.Ordinal);

        using var unknown = await server.Client.GetAsync("/reports/patients/P999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("No session of patient 'P999' is stored; check the patient code (for example P005).",
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_session_report_prints_to_pdf_in_headless_chromium_with_every_word_inside_the_page()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs it (apt-get install -y chromium chromium-driver) when run as root.");
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var url = new Uri(server.Client.BaseAddress!, $"/reports/sessions/{id}");
        var html = await server.Client.GetStringAsync(url);
        var folder = Directory.CreateTempSubdirectory("emgs-print-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "session.pdf");
            await PrintAsync(url, pdf, Path.Combine(folder, "profile"));

            using var document = PdfDocument.Open(pdf);
            Assert.InRange(document.NumberOfPages, 1, 6);
            var words = new List<string>();
            foreach (var page in document.GetPages())
            {
                foreach (var word in page.GetWords())
                {
                    var box = word.BoundingBox;
                    Assert.True(box.Left >= 0 && box.Right <= page.Width && box.Bottom >= 0 && box.Top <= page.Height,
                        $"'{word.Text}' on page {page.Number} lies outside the page ({box.Left:0},{box.Bottom:0})-({box.Right:0},{box.Top:0}) of {page.Width:0}x{page.Height:0}");
                    words.Add(word.Text);
                }
            }

            var text = string.Join(' ', words);
            Assert.Contains("Channel metrics", text, StringComparison.Ordinal);
            Assert.Contains("Printed", text, StringComparison.Ordinal);
            // Every label of every chart (the time axis up to its last tick, the MVC threshold) reached the paper.
            foreach (Match label in SvgText().Matches(html))
            {
                foreach (var part in WebUtility.HtmlDecode(label.Groups[1].Value).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    Assert.Contains(part, words);
                }
            }

            // The print button is for the screen only.
            Assert.DoesNotContain("Print", words);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Guid> IngestAsync(EndToEndServer server)
    {
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0881));
        await server.PutAsync(Key, bytes);
        var id = Guid.Parse((await server.SendWebhookAsync(Key, bytes.Length)).GetProperty("processing_id").GetString()!);
        Assert.Equal("completed", (await server.WaitForOutcomeAsync(id))[^1]);
        await server.WaitForScoreAsync(id); // the report's scores table is there once the score job has run
        return id;
    }

    /// <summary>Chromium's own print to PDF (A4 from the page's @page rule), waiting for the process to end, at most two minutes.</summary>
    private static async Task PrintAsync(Uri url, string pdf, string profile)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", url.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(File.Exists(pdf), $"Chromium wrote no PDF (exit {process.ExitCode}): {await output} {await error}");
    }

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex SvgText();
}

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
        HeadlessChromium.RequireInstalled();
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var url = new Uri(server.Client.BaseAddress!, $"/reports/sessions/{id}");
        var html = await server.Client.GetStringAsync(url);
        var folder = Directory.CreateTempSubdirectory("emgs-print-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "session.pdf");
            await HeadlessChromium.PrintToPdfAsync(url, pdf);

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

    /// <summary>The long recording through Phase 2 and its score (the report's scores table is there once the score job has run).</summary>
    private static Task<Guid> IngestAsync(EndToEndServer server) => BrowserServerFixture.IngestAsync(server, Key, TestFiles.Ghostly0881);

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex SvgText();
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Hosting;
using EmgSessions.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The Session page's scores, inputs form and downloads in headless Chromium against a real server with real
/// recordings: the scores shown are the stored ones of <c>GET /api/sessions/{id}/scores</c> with their weights and
/// configuration, saving an RPE shows the score the API then returns, a bad value is refused next to its field, every
/// download answers with its type, and signed-in people see what their role allows (another therapist's session is a
/// real 404).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SessionScoresBrowserTests(DashboardFixture fixture)
{
    private const double Tolerance = 1e-9;
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_scores_shown_are_the_stored_scores_of_the_api_with_their_weights_and_configuration()
    {
        var api = await ScoresAsync(fixture.Server, fixture.LongSession);
        var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        await using (page)
        {
            var shown = await page.EvaluateExpressionAsync<Dictionary<string, string>>(
                "Object.fromEntries([...document.querySelectorAll('[data-score][data-value]')].map(e => [e.dataset.score, e.dataset.value]))");
            var sides = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-side]')].map(r => r.dataset.value)");
            var overallText = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-score=overall] strong').innerText.trim()");
            var overallFact = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-overall-fact] [data-db]').innerText.trim()");
            var configuration = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-score-configuration]').innerText");
            var weights = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('table.scores tbody tr td:nth-child(3)')].map(td => td.innerText.trim())");
            await page.ScreenshotAsync(
                Path.Combine(DashboardFixture.ScreenshotDirectory, "session-scores.png"),
                new ScreenshotOptions { Clip = await ClipAsync(page, "#scores-title", "#actions-title") });

            foreach (var (name, field) in new[] { ("overall", "overall_score"), ("compliance", "compliance_score"), ("symmetry", "symmetry_score"), ("effort", "effort_score"), ("game", "game_score") })
            {
                AssertSame(api.GetProperty(field), shown[name], name);
            }

            AssertSame(api.GetProperty("left_muscle_compliance"), sides[0], "left");
            AssertSame(api.GetProperty("right_muscle_compliance"), sides[1], "right");
            Assert.Equal(api.GetProperty("overall_score").GetDouble().ToString("0.0", CultureInfo.InvariantCulture), overallText);
            Assert.Equal(overallText, overallFact);
            var used = api.GetProperty("weights_used");
            Assert.Equal(
                new[] { "compliance", "symmetry", "effort", "game" }.Select(w => used.GetProperty(w).GetDouble().ToString("0.###", CultureInfo.InvariantCulture)),
                weights);
            Assert.Contains(api.GetProperty("profile").GetString()!, configuration, StringComparison.Ordinal);
            Assert.Contains(api.GetProperty("scoring_config_name").GetString()!, configuration, StringComparison.Ordinal);
            Assert.Contains(api.GetProperty("scoring_config_id").GetString()!, configuration, StringComparison.Ordinal);
            Assert.Contains("version 1", configuration, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Saving_an_rpe_shows_the_overall_score_the_api_then_returns()
    {
        var session = fixture.Sessions[1];
        var before = await ScoresAsync(fixture.Server, session);
        // An RPE whose effort differs from the one used now (trial table: RPE 9 → 15, RPE 2 → 50).
        var rpe = before.GetProperty("rpe_post_session").ValueKind == JsonValueKind.Number && before.GetProperty("rpe_post_session").GetInt32() == 9 ? 2 : 9;
        var (page, _) = await fixture.OpenAsync($"/sessions/{session}");
        await using (page)
        {
            await page.EvaluateExpressionAsync("document.getElementById('rpe').value = ''");
            await page.TypeAsync("#rpe", rpe.ToString(CultureInfo.InvariantCulture));
            var navigation = page.WaitForNavigationAsync();
            await page.ClickAsync("[data-save-inputs]");
            var response = await navigation;
            var overall = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-score=overall]').dataset.value");
            var saved = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('[data-inputs-saved]').length");
            var entered = await page.EvaluateExpressionAsync<string>("document.querySelector('tr[data-source=therapist] td').innerText.trim()");

            var after = await ScoresAsync(fixture.Server, session);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(1, saved);
            Assert.Equal(rpe, after.GetProperty("rpe_post_session").GetInt32());
            Assert.Equal("entered", after.GetProperty("rpe_source").GetString());
            Assert.NotEqual(before.GetProperty("overall_score").GetDouble(), after.GetProperty("overall_score").GetDouble(), Tolerance);
            AssertSame(after.GetProperty("overall_score"), overall, "overall");
            Assert.Equal(rpe.ToString(CultureInfo.InvariantCulture), entered);
        }
    }

    [Fact]
    public async Task A_value_out_of_range_is_refused_with_a_message_next_to_its_field_and_nothing_is_stored()
    {
        var session = fixture.Sessions[2];
        var before = await ScoresAsync(fixture.Server, session);
        var (page, _) = await fixture.OpenAsync($"/sessions/{session}");
        await using (page)
        {
            // The browser's own range check is bypassed (form.submit()), as a script or an old browser would.
            await page.EvaluateExpressionAsync("document.getElementById('rpe').value = '11'");
            var navigation = page.WaitForNavigationAsync();
            await page.EvaluateExpressionAsync("document.querySelector('form[data-inputs]').submit()");
            var response = await navigation;
            var message = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-field-error=rpe]').innerText");
            var described = await page.EvaluateExpressionAsync<string>("document.getElementById('rpe').getAttribute('aria-describedby')");
            var kept = await page.EvaluateExpressionAsync<string>("document.getElementById('rpe').value");

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Contains("rpe must be an integer from 0 to 10", message, StringComparison.Ordinal);
            Assert.Contains("got 11", message, StringComparison.Ordinal);
            Assert.Equal("rpe-error", described);
            Assert.Equal("11", kept);
            Assert.Equal(before.GetProperty("overall_score").ToString(), (await ScoresAsync(fixture.Server, session)).GetProperty("overall_score").ToString());
        }
    }

    [Fact]
    public async Task Every_download_link_answers_200_with_the_content_type_of_its_file()
    {
        var (page, _) = await fixture.OpenAsync($"/sessions/{fixture.LongSession}");
        string[] links;
        await using (page)
        {
            links = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('[data-downloads] a')].map(a => a.getAttribute('href'))");
        }

        var id = fixture.LongSession;
        Assert.Equal(
            [
                $"/api/sessions/{id}/export/contractions.csv", $"/api/sessions/{id}/export/metrics.csv", $"/api/sessions/{id}/export/result.json",
                $"/api/sessions/{id}/export/signals.csv?kind=raw", $"/api/sessions/{id}/export/signals.parquet?kind=raw",
                $"/api/sessions/{id}/export/signals.csv?kind=envelope", $"/api/sessions/{id}/export/signals.parquet?kind=envelope",
                $"/api/sessions/{id}/export/recording.c3d", $"/reports/sessions/{id}",
            ],
            links);
        foreach (var link in links)
        {
            using var response = await fixture.Server.Client.GetAsync(link);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
            Assert.Equal(ExpectedType(link), response.Content.Headers.ContentType?.MediaType);
            Assert.True(body.Length > 100, $"{link} sent only {body.Length} bytes");
        }
    }

    [Fact]
    public async Task A_therapist_gets_404_for_another_therapists_session_and_enters_inputs_on_their_own()
    {
        await using var server = await SignedInServer.StartAsync();
        await using var context = await fixture.Browser.CreateBrowserContextAsync();
        var page = await SignInAsync(context, server, "therapist.b@example.org");
        var other = await page.GoToAsync(new Uri(server.Address, $"/sessions/{server.Session}").ToString());
        var otherText = await page.EvaluateExpressionAsync<string>("document.body.innerText");

        Assert.True(other.Status == HttpStatusCode.NotFound, $"{(int)other.Status}: {await page.GetContentAsync()}");
        Assert.Contains("Session not found", otherText, StringComparison.Ordinal);
        Assert.DoesNotContain(SignedInServer.Code, otherText, StringComparison.Ordinal);

        var own = await SignInAsync(context, server, "therapist.a@example.org");
        var response = await own.GoToAsync(new Uri(server.Address, $"/sessions/{server.Session}").ToString());
        await own.TypeAsync("#rpe", "5");
        var navigation = own.WaitForNavigationAsync();
        await own.ClickAsync("[data-save-inputs]");
        var saved = await navigation;
        var entered = await own.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-source=therapist] td')].map(td => td.innerText.trim())");
        var downloads = await own.EvaluateExpressionAsync<int>("document.querySelectorAll('[data-downloads] a').length");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("5", entered[0]);
        Assert.Equal("therapist.a@example.org", entered[3]);
        Assert.Equal(2, downloads); // not processed: the recording and the report only
    }

    [Fact]
    public async Task A_researcher_sees_no_session_downloads_and_no_inputs_form_but_the_pseudonymised_cohort_of_the_patient()
    {
        await using var server = await SignedInServer.StartAsync();
        await using var context = await fixture.Browser.CreateBrowserContextAsync();
        var page = await SignInAsync(context, server, "researcher@example.org");
        var response = await page.GoToAsync(new Uri(server.Address, $"/sessions/{server.Session}").ToString());
        var counts = await page.EvaluateExpressionAsync<int[]>(
            "[document.querySelectorAll('[data-downloads] a').length, document.querySelectorAll('form[data-inputs]').length, document.querySelectorAll('[data-reprocess]').length]");
        var cohort = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('[data-downloads-refused] a')].map(a => a.getAttribute('href'))");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal([0, 0, 0], counts);
        Assert.Equal([$"/api/export/sessions.csv?patient_id={SignedInServer.Code}", $"/api/export/sessions.parquet?patient_id={SignedInServer.Code}"], cohort);
        using var refused = await server.Client.GetAsync($"/api/sessions/{server.Session}/export/contractions.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode); // and without a sign-in nothing at all
    }

    /// <summary>The stored score as the API serves it, once the session has one (it is scored right after Phase 2).</summary>
    private static Task<JsonElement> ScoresAsync(EndToEndServer server, Guid session) => server.WaitForScoreAsync(session);

    private static void AssertSame(JsonElement expected, string shown, string name)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(shown.Length == 0, $"{name}: the API has no value, the page shows '{shown}'");
            return;
        }

        Assert.Equal(expected.GetDouble(), double.Parse(shown, CultureInfo.InvariantCulture), Tolerance);
    }

    private static string ExpectedType(string link)
    {
        var path = link.Split('?')[0];
        return Path.GetExtension(path) switch
        {
            ".csv" => "text/csv",
            ".json" => "application/json",
            ".parquet" => "application/vnd.apache.parquet",
            ".c3d" => "application/octet-stream",
            _ => "text/html",
        };
    }

    /// <summary>The page area from one element's top to another's.</summary>
    private static async Task<PuppeteerSharp.Media.Clip> ClipAsync(IPage page, string from, string to)
    {
        var box = await page.EvaluateFunctionAsync<double[]>(
            "(a, b) => { const t = document.querySelector(a).getBoundingClientRect().top + scrollY; const e = document.querySelector(b).getBoundingClientRect().top + scrollY; return [t - 8, e - t]; }",
            from,
            to);
        return new PuppeteerSharp.Media.Clip { X = 0, Y = (decimal)box[0], Width = 1280, Height = (decimal)box[1] };
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, SignedInServer server, string email)
    {
        var page = await context.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800 });
        await page.GoToAsync(new Uri(server.Address, "/sign-in").ToString());
        await page.TypeAsync("#email", email);
        await page.TypeAsync("#password", Password);
        var navigation = page.WaitForNavigationAsync();
        await page.ClickAsync("form.sign-in button[type=submit]");
        var response = await navigation;
        Assert.True(response.Ok, $"signing in as {email} answered {(int)response.Status}");
        return page;
    }

    /// <summary>
    /// A real server with sign-in on (users in its own SQLite database): therapist A with patient <see cref="Code"/> and one
    /// session of that patient (registered, not processed), therapist B, and a researcher.
    /// </summary>
    private sealed class SignedInServer : IAsyncDisposable
    {
        public const string Code = "P931";

        private readonly EndToEndServer _server;

        private SignedInServer(EndToEndServer server, Guid session)
        {
            _server = server;
            Session = session;
        }

        public Guid Session { get; }

        public Uri Address => _server.Client.BaseAddress!;

        public HttpClient Client => _server.Client;

        public static async Task<SignedInServer> StartAsync()
        {
            var server = await EndToEndServer.StartAsync(null, new Dictionary<string, string?> { [ConfigurationKeys.Workers] = "0" });
            var accounts = server.Services.GetRequiredService<AccountAdministration>();
            var setUp = Actor.Machine("browser-set-up");
            var none = CancellationToken.None;
            var therapist = (await accounts.AddAsync(setUp, "therapist.a@example.org", Role.Therapist, Password, null, "Anna", "Therapist", null, none)).User.TherapistId!.Value;
            await accounts.AddAsync(setUp, "therapist.b@example.org", Role.Therapist, Password, null, "Bert", "Therapist", null, none);
            await accounts.AddAsync(setUp, "researcher@example.org", Role.Researcher, Password, null, null, null, null, none);
            await server.Services.GetRequiredService<IPatientStore>().CreatePatientAsync(
                new NewPatient(Code, therapist, "Zebulon", "Quixotery", new DateOnly(1951, 7, 19), new DateOnly(2026, 1, 5)), none);
            var registration = await server.Store.RegisterUploadAsync(
                new NewSession($"c3d-examples/{Code}/browser-session.c3d", new string('b', 64), 1024, "browser-session.c3d", Code, null, null, "{}"), none);
            return new SignedInServer(server, registration.SessionId);
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}

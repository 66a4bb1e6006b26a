using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;
using EmgSessions.Tests.Http.Auth;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The Patient page and the Overview in headless Chromium against the real recordings of <see cref="DashboardFixture"/>:
/// adherence, alerts and the trend charts' points are those of <c>GET /api/patients/{code}/progress</c>; with sign-in on
/// (a second host on the same database, the fixture's own staying open to the local user), a therapist gets the
/// not-found page for another therapist's patient and an overview of exactly their own patients, and a researcher
/// sees no name and no date of birth.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PatientBrowserTests(DashboardFixture fixture) : IAsyncLifetime
{
    private const string TherapistA = "therapist.a@clinic.example";
    private const string TherapistB = "therapist.b@clinic.example";
    private const string Researcher = "researcher@clinic.example";
    private const string FirstName = "Annelies";
    private const string LastName = "Verstraeten";
    private static readonly DateOnly Born = new(1950, 6, 15);

    private AuthTestServer? _signedIn;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_signedIn is not null)
        {
            await _signedIn.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_patient_page_shows_the_adherence_alerts_and_trend_points_of_the_progress_api()
    {
        var (page, _) = await fixture.OpenAsync("/patients/P005");
        await using (page)
        {
            await page.WaitForSelectorAsync("body[data-trends-ready=true]", new WaitForSelectorOptions { Timeout = 20_000 });
            var adherence = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-adherence]').dataset.adherence");
            var category = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-adherence]').dataset.category ?? ''");
            var reasons = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('ul.alerts li[data-alert] [data-db]')].filter(e => !e.closest('a')).map(e => e.textContent)");
            var points = await page.EvaluateExpressionAsync<Dictionary<string, string>>(
                "Object.fromEntries([...document.querySelectorAll('figure[data-trend-chart][data-points]')].map(f => [f.dataset.trendChart, f.dataset.points]))");
            var inked = await page.EvaluateExpressionAsync<int>("""
                (() => { const c = document.querySelector('figure[data-trend-chart=contractions] canvas');
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()
                """);
            await DashboardFixture.ScreenshotAsync(page, "patient");

            var progress = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/patients/P005/progress");
            var api = progress.GetProperty("adherence");
            Assert.Equal(api.GetProperty("score").GetDouble(), double.Parse(adherence, CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal(api.GetProperty("category").GetString(), category, ignoreCase: true);
            Assert.Equal(progress.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("reason").GetString()), reasons);
            Assert.NotEmpty(reasons); // P005's two sessions of 2023 are far below the expected 30: low adherence
            var trends = progress.GetProperty("trends");
            int Count(string series) => trends.TryGetProperty(series, out var t) ? t.GetProperty("count").GetInt32() : 0;
            Assert.Equal(Count("overall_score"), int.Parse(points["overall"], CultureInfo.InvariantCulture));
            Assert.Equal(Count("left_muscle_compliance") + Count("right_muscle_compliance"), int.Parse(points["compliance"], CultureInfo.InvariantCulture));
            Assert.Equal(Count("contractions_left") + Count("contractions_right"), int.Parse(points["contractions"], CultureInfo.InvariantCulture));
            Assert.Equal(Count("mpf_left") + Count("mpf_right") + Count("mdf_left") + Count("mdf_right"), int.Parse(points["frequency"], CultureInfo.InvariantCulture));
            var completed = progress.GetProperty("sessions").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "completed");
            Assert.Equal(2, completed);
            Assert.Equal(2 * completed, int.Parse(points["contractions"], CultureInfo.InvariantCulture));
            Assert.True(inked > 2_000, $"the contractions chart has only {inked} drawn pixels");
        }
    }

    [Fact]
    public async Task The_trend_labels_are_the_progress_apis_and_the_page_links_the_printable_report()
    {
        var (page, _) = await fixture.OpenAsync("/patients/P005");
        await using (page)
        {
            var labels = await page.EvaluateExpressionAsync<Dictionary<string, string>>(
                "Object.fromEntries([...document.querySelectorAll('[data-trend-series]')].map(e => [e.dataset.trendSeries, e.dataset.trendLabel]))");
            var report = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('a')].find(a => a.textContent === 'Printable progress report')?.getAttribute('href') ?? ''");

            var trends = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/patients/P005/progress")).GetProperty("trends");
            Assert.Equal(["overall_score", "left_muscle_compliance", "right_muscle_compliance", "symmetry_score"], labels.Keys.Take(4));
            foreach (var (series, label) in labels)
            {
                var expected = trends.TryGetProperty(series, out var t) ? t.GetProperty("direction").GetString()!.Replace('_', ' ') : "none";
                Assert.True(expected == label, $"{series}: the page says '{label}', the API '{expected}'");
            }

            Assert.Equal("/reports/patients/P005", report);
            using var printed = await fixture.Server.Client.GetAsync(report);
            Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        }
    }

    [Fact]
    public async Task A_therapist_gets_the_not_found_page_for_another_therapists_patient_and_sees_their_own_with_name_and_targets()
    {
        var server = await SignedInAsync();
        await using var context = await fixture.Browser.CreateBrowserContextAsync();
        var page = await SignInAsync(context, server, TherapistA);

        var other = await page.GoToAsync(new Uri(server.Address, "/patients/P007").ToString());
        var otherHtml = await page.GetContentAsync();
        var otherTitle = await page.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent");
        var unknown = await page.GoToAsync(new Uri(server.Address, "/patients/P999").ToString());
        var own = await page.GoToAsync(new Uri(server.Address, "/patients/P005").ToString());
        var profile = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-profile]').innerText");
        var targets = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-targets]').innerText");
        var api = await page.EvaluateExpressionAsync<int>("fetch('/api/patients/P007/progress').then(r => r.status)");

        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal("Patient not found", otherTitle);
        Assert.Contains("data-not-found", otherHtml, StringComparison.Ordinal);
        var main = otherHtml.Split("<main")[1];
        foreach (var leak in new[] { "Jos", "Peeters", "1961-01-02", "Bram", "2025-03-10" })
        {
            Assert.DoesNotContain(leak, main, StringComparison.Ordinal); // the same answer as for a code nobody has
        }
        Assert.Equal(404, api);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Contains($"{FirstName} {LastName}", profile, StringComparison.Ordinal);
        Assert.Contains("1950-06-15", profile, StringComparison.Ordinal);
        Assert.Contains("Ada Therapist", profile, StringComparison.Ordinal);
        Assert.Contains("12", targets, StringComparison.Ordinal); // contractions per session, left
        Assert.Contains("150 µV", targets, StringComparison.Ordinal); // MVC threshold, left
    }

    [Fact]
    public async Task A_researcher_sees_the_patient_and_the_overview_pseudonymised_without_name_or_date_of_birth()
    {
        var server = await SignedInAsync();
        await using var context = await fixture.Browser.CreateBrowserContextAsync();
        var page = await SignInAsync(context, server, Researcher);

        var patient = await page.GoToAsync(new Uri(server.Address, "/patients/P005").ToString());
        await page.WaitForSelectorAsync("body[data-trends-ready=true]", new WaitForSelectorOptions { Timeout = 20_000 });
        var patientHtml = await page.GetContentAsync();
        var profile = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-profile]').innerText");
        await DashboardFixture.ScreenshotAsync(page, "patient-researcher");
        await page.GoToAsync(new Uri(server.Address, "/").ToString());
        var overviewHtml = await page.GetContentAsync();
        var rows = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-patient]')].map(r => r.dataset.patient)");

        Assert.Equal(HttpStatusCode.OK, patient.Status);
        foreach (var html in new[] { patientHtml, overviewHtml })
        {
            Assert.DoesNotContain(FirstName, html, StringComparison.Ordinal);
            Assert.DoesNotContain(LastName, html, StringComparison.Ordinal);
            Assert.DoesNotContain("1950-06-15", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Date of birth", html, StringComparison.Ordinal);
        }

        // The host's clock stands at 2026-03-02: born 1950-06-15, the patient is 75 in whole years.
        Assert.Contains("75 years", profile, StringComparison.Ordinal);
        Assert.Contains("data-pseudonymised", patientHtml, StringComparison.Ordinal);
        Assert.Contains("P005", rows);
        Assert.Contains("P007", rows);
    }

    [Fact]
    public async Task The_overview_lists_exactly_the_actors_patients_with_their_adherence_and_alerts()
    {
        var server = await SignedInAsync();
        await using var context = await fixture.Browser.CreateBrowserContextAsync();
        var page = await SignInAsync(context, server, TherapistB);

        await page.GoToAsync(new Uri(server.Address, "/").ToString());
        var rows = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-patient]')].map(r => r.dataset.patient)");
        var heading = await page.EvaluateExpressionAsync<string>("document.getElementById('patients-title').textContent");
        var alerts = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('ul.alerts li[data-alert]')].map(li => li.dataset.alertPatient + ': ' + li.querySelectorAll('[data-db]')[1].textContent)");
        var recent = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('table.recent-sessions tr[data-session]')].map(r => r.dataset.session)");
        var mine = await page.EvaluateExpressionAsync<JsonElement>("fetch('/api/patients').then(r => r.json())");
        var progress = await page.EvaluateExpressionAsync<JsonElement>("fetch('/api/patients/P007/progress').then(r => r.json())");
        var sessions = await page.EvaluateExpressionAsync<JsonElement>("fetch('/api/sessions?limit=10').then(r => r.json())");
        await DashboardFixture.ScreenshotAsync(page, "overview-therapist");

        var (localPage, _) = await fixture.OpenAsync("/");
        string[] everyone;
        await using (localPage)
        {
            everyone = await localPage.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr[data-patient]')].map(r => r.dataset.patient)");
            await DashboardFixture.ScreenshotAsync(localPage, "overview");
        }

        // The local user's scope: every patient record and every code with a session (P006 has no record).
        var records = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/patients");
        var listed = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/sessions?limit=200");
        var codes = records.EnumerateArray().Select(p => p.GetProperty("patient_code").GetString()!)
            .Concat(listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("patient_id").GetString()!))
            .Distinct().Order(StringComparer.Ordinal);

        Assert.Equal("My patients", heading);
        Assert.Equal(["P007"], rows);
        Assert.Equal(mine.EnumerateArray().Select(p => p.GetProperty("patient_code").GetString()), rows);
        Assert.Equal(progress.GetProperty("alerts").EnumerateArray().Select(a => "P007: " + a.GetProperty("reason").GetString()), alerts);
        Assert.Equal(sessions.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()), recent);
        Assert.Equal(codes, everyone);
        Assert.Contains("P006", everyone);
    }

    /// <summary>
    /// A second host (sign-in on: test accounts) on the fixture's database, with P005 assigned to therapist A (name, date
    /// of birth, treatment start and targets recorded) and P007 to therapist B; the rows are made once per run.
    /// </summary>
    private async Task<AuthTestServer> SignedInAsync()
    {
        _signedIn ??= await AuthTestServer.StartAsync(fixture.DatabaseSpec);
        var services = _signedIn.Services;
        var patients = services.GetRequiredService<IPatientStore>();
        var therapists = services.GetRequiredService<ITherapistStore>();

        async Task<Guid> AssignedAsync(string code, string therapistFirstName, NewPatient patient)
        {
            if (await patients.GetPatientAsync(code, CancellationToken.None) is { TherapistId: { } existing })
            {
                return existing;
            }

            var therapist = await therapists.CreateTherapistAsync(therapistFirstName, "Therapist", Guid.NewGuid(), CancellationToken.None);
            await patients.CreatePatientAsync(patient with { TherapistId = therapist.Id }, CancellationToken.None);
            return therapist.Id;
        }

        var a = await AssignedAsync("P005", "Ada", new NewPatient(
            "P005", null, FirstName, LastName, Born, new DateOnly(2023, 3, 20), new PatientTargets(MvcCh1: 150e-6, MvcCh2: 120e-6, DurationCh1Ms: 2000, DurationCh2Ms: 2000, ContractionsCh1: 12, ContractionsCh2: 12, BfrPercent: 50)));
        var b = await AssignedAsync("P007", "Bram", new NewPatient("P007", null, "Jos", "Peeters", new DateOnly(1961, 1, 2)));
        _signedIn.AddAccount(TherapistA, Role.Therapist, a);
        _signedIn.AddAccount(TherapistB, Role.Therapist, b);
        _signedIn.AddAccount(Researcher, Role.Researcher);
        return _signedIn;
    }

    /// <summary>Signs in through the dashboard's sign-in page in a private browser context.</summary>
    private static Task<IPage> SignInAsync(IBrowserContext context, AuthTestServer server, string email) =>
        SignedInPage.SignInAsync(context, server.Address, email, AuthTestServer.Password);
}

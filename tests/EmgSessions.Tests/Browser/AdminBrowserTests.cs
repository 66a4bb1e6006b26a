using System.Text.Json;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The Sessions list and the admin page for signed-in people, in headless Chromium on a real server with accounts
/// (<see cref="PeopleDashboardFixture"/>): a researcher never sees a patient's name or date of birth; a therapist sees
/// their own patients' sessions, may reprocess but not delete, and is refused the admin page; an admin adds an account,
/// assigns a patient and deletes a session, and the API (read with the same browser's cookies) shows each change.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AdminBrowserTests(DashboardFixture dashboard, PeopleDashboardFixture people) : IClassFixture<PeopleDashboardFixture>
{
    private const string RowIds = "[...document.querySelectorAll('tr[data-session]')].map(r => r.dataset.session)";

    [Fact]
    public async Task A_researcher_sees_no_patient_name_or_date_of_birth_on_the_list_or_the_session_pages_but_the_admin_does()
    {
        string[] identity = [PeopleDashboardFixture.FirstName, PeopleDashboardFixture.LastName, PeopleDashboardFixture.BornText, "19/07/1951", "Yolanda", "Xerxesson", "1948-02-03"];
        string[] paths =
        [
            "/sessions", "/sessions?patient=P005", "/sessions?sort=patient&order=asc", $"/sessions/{people.OwnSession}", $"/sessions/{people.UnassignedSession}",
        ];
        await using var researcher = await people.SignInAsync(dashboard.Browser, PeopleDashboardFixture.Researcher);
        var leaks = new List<string>();
        var shown = new List<string>();
        foreach (var path in paths)
        {
            var response = await researcher.GoAsync(path);
            Assert.Equal(200, (int)response.Status);
            var html = await researcher.Page.GetContentAsync();
            leaks.AddRange(identity.Where(t => html.Contains(t, StringComparison.OrdinalIgnoreCase)).Select(t => $"{path} shows '{t}'"));
            shown.Add(html);
        }

        await researcher.GoAsync("/sessions");
        await DashboardFixture.ScreenshotAsync(researcher.Page, "sessions-researcher");
        var rows = await researcher.Page.EvaluateExpressionAsync<string[]>(RowIds);
        var actions = await researcher.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('[data-confirm-reprocess], [data-confirm-delete]').length");
        await using var admin = await people.SignInAsync(dashboard.Browser, PeopleDashboardFixture.Admin);
        await admin.GoAsync("/sessions");
        var adminHtml = await admin.Page.GetContentAsync();

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        Assert.Contains(people.OwnSession.ToString(), rows);
        Assert.Contains(people.UnassignedSession.ToString(), rows);
        Assert.Contains(">P005<", shown[0], StringComparison.Ordinal);
        Assert.Equal(0, actions);
        Assert.Contains($"{PeopleDashboardFixture.FirstName} {PeopleDashboardFixture.LastName}", adminHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_therapist_lists_only_their_patients_sessions_may_reprocess_them_but_not_delete_and_is_refused_the_admin_page()
    {
        await using var therapist = await people.SignInAsync(dashboard.Browser, PeopleDashboardFixture.TherapistA);
        await therapist.GoAsync("/sessions");
        var rows = await therapist.Page.EvaluateExpressionAsync<string[]>(RowIds);
        var deletes = await therapist.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('[data-confirm-delete]').length");
        var adminLinks = await therapist.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('a[href=\"/admin\"]').length");
        var api = await therapist.FetchAsync("/api/sessions/");

        await therapist.Page.ClickAsync($"tr[data-session=\"{people.OwnSession}\"] .row-actions summary");
        await Task.WhenAll(therapist.Page.WaitForNavigationAsync(), therapist.Page.ClickAsync($"[data-confirm-reprocess=\"{people.OwnSession}\"]"));
        var notice = await therapist.Page.EvaluateExpressionAsync<string>("document.getElementById('session-action-result').innerText");
        // Live status: the row's badge follows the session to "completed" without the page being loaded again.
        await therapist.Page.EvaluateExpressionAsync("window.emgsSamePage = true");
        await therapist.Page.WaitForSelectorAsync($"tr[data-session=\"{people.OwnSession}\"] [data-status=completed]", new PuppeteerSharp.WaitForSelectorOptions { Timeout = 60_000 });
        var samePage = await therapist.Page.EvaluateExpressionAsync<bool>("window.emgsSamePage === true");
        var refused = await therapist.GoAsync("/admin");
        var refusal = await therapist.Page.EvaluateExpressionAsync<string>("document.body.innerText");

        Assert.Equal([people.OwnSession.ToString()], rows);
        Assert.Equal([people.OwnSession.ToString()], JsonDocument.Parse(api.Body).RootElement.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(0, deletes);
        Assert.Equal(0, adminLinks);
        Assert.StartsWith("Queued for reprocessing", notice, StringComparison.Ordinal);
        Assert.True(samePage, "the page was loaded again instead of updating the status in place");
        Assert.Equal(SessionStatus.Completed, await FinishedStatusAsync(people.OwnSession));
        Assert.Equal(403, (int)refused.Status);
        Assert.Contains("'therapist' may not use this route", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("at EmgSessions", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_adds_a_therapist_account_and_assigns_a_patient_and_the_api_the_audit_and_the_new_account_show_it()
    {
        const string email = "carla.new@example.org";
        await using var admin = await people.SignInAsync(dashboard.Browser, PeopleDashboardFixture.Admin);
        await admin.GoAsync("/admin");

        await admin.Page.TypeAsync("#add-user input[name=email]", email);
        await admin.Page.SelectAsync("#add-user select[name=role]", "therapist");
        await admin.Page.TypeAsync("#add-user input[name=first_name]", "Carla");
        await admin.Page.TypeAsync("#add-user input[name=last_name]", "Neuer");
        await Task.WhenAll(admin.Page.WaitForNavigationAsync(), admin.Page.ClickAsync("#add-user button[type=submit]"));
        var added = await admin.Page.EvaluateExpressionAsync<string>("document.getElementById('add-user-result').dataset.outcome");
        var password = await admin.Page.EvaluateExpressionAsync<string>("document.querySelector('#add-user-result .one-time-password').innerText");
        var therapists = JsonDocument.Parse((await admin.FetchAsync("/api/therapists/")).Body).RootElement;
        var carla = therapists.EnumerateArray().Single(t => t.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;

        await admin.Page.SelectAsync("#assign-patient select[name=patient]", "P007");
        await admin.Page.SelectAsync("#assign-patient select[name=therapist]", carla);
        await Task.WhenAll(admin.Page.WaitForNavigationAsync(), admin.Page.ClickAsync("#assign-patient button[type=submit]"));
        var assigned = await admin.Page.EvaluateExpressionAsync<string>("document.getElementById('assign-patient-result').dataset.outcome");
        var assignedText = await admin.Page.EvaluateExpressionAsync<string>("document.getElementById('assign-patient-result').innerText.trim()");
        var cell = await admin.Page.EvaluateExpressionAsync<string>("document.querySelector('tr[data-patient=P007] td[data-assigned]').innerText.trim()");
        await DashboardFixture.ScreenshotAsync(admin.Page, "admin");

        await admin.Page.TypeAsync("#add-user input[name=email]", email);
        await Task.WhenAll(admin.Page.WaitForNavigationAsync(), admin.Page.ClickAsync("#add-user button[type=submit]"));
        var again = await admin.Page.EvaluateExpressionAsync<string>("document.getElementById('add-user-result').innerText");

        var users = (await admin.FetchAsync("/api/users/")).Body;
        var patient = JsonDocument.Parse((await admin.FetchAsync("/api/patients/P007")).Body).RootElement;
        var audit = (await admin.FetchAsync("/api/audit/?limit=500")).Body;
        await using var newcomer = await people.SignInAsync(dashboard.Browser, email, password);
        await newcomer.GoAsync("/sessions");
        var theirs = await newcomer.Page.EvaluateExpressionAsync<string[]>(RowIds);

        Assert.Equal("done", added);
        Assert.True(password.Length >= 12, $"one-time password '{password}'");
        Assert.Equal("done", assigned);
        Assert.Equal("P007 is assigned to Carla Neuer.", assignedText);
        Assert.Equal("Carla Neuer", cell);
        Assert.Contains("exists", again, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"\"email\":\"{email}\"", users, StringComparison.Ordinal);
        Assert.Equal(carla, patient.GetProperty("therapist_id").GetString());
        Assert.Contains("\"action\":\"user.changed\"", audit, StringComparison.Ordinal);
        Assert.Contains($"\"subject_id\":\"{email}\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"therapist_id\":\"" + carla + "\"", audit, StringComparison.Ordinal);
        Assert.Equal([people.UnassignedSession.ToString()], theirs);
    }

    [Fact]
    public async Task An_admin_disables_and_enables_an_account_and_resets_its_password_and_the_api_and_a_sign_in_show_each_state()
    {
        const string email = PeopleDashboardFixture.TherapistB;
        await using var admin = await people.SignInAsync(dashboard.Browser, PeopleDashboardFixture.Admin);
        await admin.GoAsync("/admin");

        await Task.WhenAll(admin.Page.WaitForNavigationAsync(), admin.Page.ClickAsync($"[data-toggle-user=\"{email}\"]"));
        var disabledMessage = await admin.Page.EvaluateExpressionAsync<string>("document.getElementById('users-result').innerText.trim()");
        var disabled = Status(await admin.FetchAsync("/api/users/"), email);
        await Task.WhenAll(admin.Page.WaitForNavigationAsync(), admin.Page.ClickAsync($"[data-toggle-user=\"{email}\"]"));
        var enabled = Status(await admin.FetchAsync("/api/users/"), email);
        await admin.Page.ClickAsync($"tr[data-user=\"{email}\"] details summary");
        await Task.WhenAll(admin.Page.WaitForNavigationAsync(), admin.Page.ClickAsync($"[data-reset-user=\"{email}\"]"));
        var password = await admin.Page.EvaluateExpressionAsync<string>("document.querySelector('#users-result .one-time-password').innerText");
        await using var bert = await people.SignInAsync(dashboard.Browser, email, password);

        Assert.Equal($"{email} is disabled: it can no longer sign in.", disabledMessage);
        Assert.Equal("disabled", disabled);
        Assert.Equal("active", enabled);
        Assert.NotEqual(PeopleDashboardFixture.Password, password);
        Assert.Equal(0, await bert.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('a[href=\"/admin\"]').length"));
    }

    [Fact]
    public async Task An_admin_deletes_a_session_only_after_confirming_and_the_api_no_longer_finds_it()
    {
        var store = people.Server.Services.GetRequiredService<ISessionStore>();
        var doomed = (await store.RegisterUploadAsync(
            new NewSession("P009/session1/missing-object.c3d", new string('d', 64), 1024, "missing-object.c3d", "P009", "session1", null, "{}"), CancellationToken.None)).SessionId;
        Assert.Equal(SessionStatus.Failed, await FinishedStatusAsync(doomed));
        await using var admin = await people.SignInAsync(dashboard.Browser, PeopleDashboardFixture.Admin);
        await admin.GoAsync("/sessions?q=missing-object");

        var hiddenBeforeConfirming = await admin.Page.EvaluateExpressionAsync<bool>($"!document.querySelector('[data-confirm-delete=\"{doomed}\"]').checkVisibility()");
        await admin.Page.ClickAsync($"tr[data-session=\"{doomed}\"] .row-actions details:last-of-type summary");
        var shownAfterOpening = await admin.Page.EvaluateExpressionAsync<bool>($"document.querySelector('[data-confirm-delete=\"{doomed}\"]').checkVisibility()");
        await Task.WhenAll(admin.Page.WaitForNavigationAsync(), admin.Page.ClickAsync($"[data-confirm-delete=\"{doomed}\"]"));
        var notice = await admin.Page.EvaluateExpressionAsync<string>("document.getElementById('session-action-result').innerText");
        var rows = await admin.Page.EvaluateExpressionAsync<string[]>(RowIds);
        var api = await admin.FetchAsync($"/api/sessions/{doomed}");

        Assert.True(hiddenBeforeConfirming, "the delete button shows before the person opened its confirmation");
        Assert.True(shownAfterOpening, "the delete button does not show once its confirmation is open");
        Assert.StartsWith("Deleted the session", notice, StringComparison.Ordinal);
        Assert.Empty(rows);
        Assert.Equal(404, api.Status);
        Assert.Null(await store.GetSessionAsync(doomed, CancellationToken.None));
    }

    private static string Status((int Status, string Body) users, string email) =>
        JsonDocument.Parse(users.Body).RootElement.EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("status").GetString()!;

    /// <summary>The session's status once it is neither pending nor being processed (the worker's outcome).</summary>
    private async Task<string> FinishedStatusAsync(Guid id)
    {
        var store = people.Server.Services.GetRequiredService<ISessionStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await store.GetSessionAsync(id, CancellationToken.None))!.ProcessingStatus;
            if (status is SessionStatus.Completed or SessionStatus.Failed)
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Session {id} did not finish processing within 60 s.");
    }
}

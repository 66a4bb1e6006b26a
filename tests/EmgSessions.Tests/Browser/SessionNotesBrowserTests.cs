using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Stores.Notes;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The Session page's notes in headless Chromium against a real server: an empty note is refused under its field and
/// nothing is stored; a note typed and added is listed with its author and time, and the Sessions list counts it, as
/// <c>GET /api/sessions/{id}/notes</c> does. A researcher sees no notes section, no count and no note text.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SessionNotesBrowserTests(DashboardFixture fixture, PeopleDashboardFixture people) : IClassFixture<PeopleDashboardFixture>
{
    [Fact]
    public async Task A_note_added_on_the_session_page_is_listed_with_author_and_time_and_counted_on_the_sessions_list()
    {
        var session = fixture.FailedSession;
        const string Text = "Patient reported cramp in the left calf; stopped after the second set.";
        var before = await NotesAsync(session);
        var (page, _) = await fixture.OpenAsync($"/sessions/{session}");
        await using (page)
        {
            var empty = page.WaitForNavigationAsync();
            await page.ClickAsync("[data-add-note]");
            var refused = await empty;
            var message = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-field-error=text]').innerText");
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("text: write the note; it is empty.", message, StringComparison.Ordinal);
            Assert.Equal(before.GetArrayLength(), (await NotesAsync(session)).GetArrayLength());

            await page.TypeAsync("#note-text", Text);
            var navigation = page.WaitForNavigationAsync();
            await page.ClickAsync("[data-add-note]");
            var added = await navigation;
            var texts = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('[data-note] .note-text')].map(p => p.innerText.trim())");
            var who = await page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('[data-note] .who')].at(-1).innerText");
            var confirmed = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('[data-note-added]').length");

            var api = await NotesAsync(session);
            Assert.Equal(HttpStatusCode.OK, added.Status);
            Assert.Equal(1, confirmed);
            Assert.Equal(before.GetArrayLength() + 1, api.GetArrayLength());
            var last = api[api.GetArrayLength() - 1];
            Assert.Equal(Text, last.GetProperty("text").GetString());
            Assert.Equal(Text, texts[^1]);
            Assert.Equal(api.EnumerateArray().Select(n => n.GetProperty("text").GetString()), texts);
            Assert.Contains(last.GetProperty("author").GetString()!, who, StringComparison.Ordinal);
            Assert.Contains(last.GetProperty("created_at").GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), who, StringComparison.Ordinal);
        }

        var (list, _) = await fixture.OpenAsync("/sessions?status=failed");
        await using (list)
        {
            var header = await list.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('thead th')].map(th => th.innerText.trim())");
            var count = await list.EvaluateExpressionAsync<string>($"document.querySelector('tr[data-session=\"{session}\"] [data-notes-count]').innerText.trim()");

            Assert.Contains("Notes", header);
            Assert.Equal((await NotesAsync(session)).GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        }
    }

    [Fact]
    public async Task A_researcher_sees_no_notes_section_no_count_column_and_no_note_text_and_the_api_refuses_them()
    {
        const string Text = "Private: patient mentioned family troubles.";
        await people.Server.Services.GetRequiredService<NoteStore>().AddAsync(people.OwnSession, PeopleDashboardFixture.TherapistA, Text, DateTimeOffset.UtcNow, CancellationToken.None);
        await using var researcher = await people.SignInAsync(fixture.Browser, PeopleDashboardFixture.Researcher);

        var page = await researcher.GoAsync($"/sessions/{people.OwnSession}");
        var pageHtml = await researcher.Page.GetContentAsync();
        var sections = await researcher.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('[data-notes], [data-note-form]').length");
        await researcher.GoAsync("/sessions");
        var listHtml = await researcher.Page.GetContentAsync();
        var headers = await researcher.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('thead th')].map(th => th.innerText.trim())");
        var api = await researcher.FetchAsync($"/api/sessions/{people.OwnSession}/notes");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(0, sections);
        Assert.DoesNotContain("Notes", headers);
        Assert.DoesNotContain("family troubles", pageHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("family troubles", listHtml, StringComparison.Ordinal);
        Assert.Equal(403, api.Status);
        Assert.DoesNotContain("family troubles", api.Body, StringComparison.Ordinal);
    }

    private async Task<JsonElement> NotesAsync(Guid session)
    {
        using var response = await fixture.Server.Client.GetAsync($"/api/sessions/{session}/notes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notes");
    }
}

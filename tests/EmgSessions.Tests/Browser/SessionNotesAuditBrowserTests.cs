using System.Net;
using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The Session page's notes are a read of patient data by a person (access.md §4): a therapist who opens their patient's
/// session page leaves one <c>session.read</c> event with <c>{"notes": "read"}</c> and no note text in the trail, in
/// headless Chromium against a real server; a researcher, who sees no notes, leaves no such event.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SessionNotesAuditBrowserTests(DashboardFixture fixture, PeopleDashboardFixture people) : IClassFixture<PeopleDashboardFixture>
{
    [Fact]
    public async Task Opening_a_session_page_with_notes_audits_the_notes_read_by_that_therapist_without_the_text()
    {
        const string Text = "Audit check: patient asked to stop the BFR cuff early.";
        await people.Server.Services.GetRequiredService<Core.Stores.Notes.NoteStore>().AddAsync(people.OwnSession, PeopleDashboardFixture.TherapistA, Text, DateTimeOffset.UtcNow, CancellationToken.None);
        var before = await NotesReadsAsync(PeopleDashboardFixture.TherapistA);
        await using var therapist = await people.SignInAsync(fixture.Browser, PeopleDashboardFixture.TherapistA);

        var response = await therapist.GoAsync($"/sessions/{people.OwnSession}");
        var shown = await therapist.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('[data-note] .note-text')].map(p => p.innerText.trim())");
        await using (var notes = await therapist.Page.QuerySelectorAsync("[data-notes]"))
        {
            await notes.ScreenshotAsync(Path.Combine(DashboardFixture.ScreenshotDirectory, "session-notes-therapist.png"));
        }
        var after = await NotesReadsAsync(PeopleDashboardFixture.TherapistA);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains(Text, shown);
        var added = Assert.Single(after, e => before.All(b => b.Id != e.Id));
        Assert.Equal("therapist", added.ActorRole);
        Assert.Equal(PersonReads.Session, added.SubjectType);
        Assert.Equal(people.OwnSession.ToString(), added.SubjectId);
        Assert.Equal(new KeyValuePair<string, string>("notes", "read"), Assert.Single(added.Details));
    }

    [Fact]
    public async Task A_researcher_opening_the_session_page_leaves_no_notes_read_in_the_trail()
    {
        await using var researcher = await people.SignInAsync(fixture.Browser, PeopleDashboardFixture.Researcher);

        var response = await researcher.GoAsync($"/sessions/{people.OwnSession}");
        var sessionReads = await people.Server.Services.GetRequiredService<IAuditStore>().ListAuditAsync(
            new AuditQuery(Actor: PeopleDashboardFixture.Researcher, Action: AuditActions.SessionRead, SubjectId: people.OwnSession.ToString(), Limit: AuditQuery.MaxLimit), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.NotEmpty(sessionReads.Items);
        Assert.DoesNotContain(sessionReads.Items, e => e.Details.ContainsKey("notes"));
    }

    private async Task<List<AuditEvent>> NotesReadsAsync(string actor)
    {
        var page = await people.Server.Services.GetRequiredService<IAuditStore>().ListAuditAsync(
            new AuditQuery(Actor: actor, Action: AuditActions.SessionRead, SubjectId: people.OwnSession.ToString(), Limit: AuditQuery.MaxLimit), CancellationToken.None);
        return [.. page.Items.Where(e => e.Details.ContainsKey("notes"))];
    }
}

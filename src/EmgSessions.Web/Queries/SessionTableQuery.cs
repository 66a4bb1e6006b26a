using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The Sessions page's data: a page of <see cref="SessionQueries.ListRowsAsync"/> (access, pseudonymisation and audit
/// decided there, as for the API) with each session's analytics read for the table and its stored overall score; the
/// therapists to filter by for those who may list them; reprocess and delete through <see cref="SessionCommands"/>.
/// </summary>
internal sealed class SessionTableQuery(SessionQueries sessions, SessionCommands commands, IScoringStore scores, ITherapistStore therapists)
{
    public const int DefaultPageSize = 25;

    public const int MaxPageSize = 200;

    public async Task<Answer<SessionTablePage>> LoadAsync(Actor actor, SessionQuery query, CancellationToken cancellationToken)
    {
        var answer = await sessions.ListRowsAsync(actor, query, cancellationToken).ConfigureAwait(false);
        if (!answer.IsOk)
        {
            return Answer<SessionTablePage>.From(answer);
        }

        var rows = new List<SessionTableRow>(answer.Value!.Items.Count);
        foreach (var row in answer.Value.Items)
        {
            var stored = await scores.GetScoreAsync(row.Details.Id, cancellationToken).ConfigureAwait(false);
            rows.Add(new SessionTableRow(row.Details, AnalyticsView.Parse(row.AnalyticsJson), Overall(stored), stored?.Stale == true));
        }

        return Answer<SessionTablePage>.Ok(new SessionTablePage(rows, answer.Value.Total));
    }

    /// <summary>The therapists a filter may name: every one for those who may administer them, none for others.</summary>
    public async Task<IReadOnlyList<TherapistRecord>> TherapistsAsync(Actor actor, CancellationToken cancellationToken) =>
        AccessRules.Decide(actor, Permissions.TherapistsAdmin) == AccessDecision.Allowed
            ? await therapists.ListTherapistsAsync(cancellationToken).ConfigureAwait(false)
            : [];

    /// <summary>May the actor reprocess or delete at all (a therapist: their own patients' sessions, which are the ones listed)?</summary>
    public static bool MayReprocess(Actor actor) => AccessRules.Decide(actor, Permissions.SessionsReprocess) == AccessDecision.Allowed;

    public static bool MayDelete(Actor actor) => AccessRules.Decide(actor, Permissions.SessionsDelete) == AccessDecision.Allowed;

    public Task<Answer<ReprocessAccepted>> ReprocessAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken) =>
        commands.ReprocessAsync(actor, sessionId, cancellationToken);

    public Task<Answer<SessionDeletion>> DeleteAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken) =>
        commands.DeleteAsync(actor, sessionId, cancellationToken);

    /// <summary>The overall score of a stored result (ours or the predecessor's row, both carry <c>overall_score</c>); null when it has none.</summary>
    private static double? Overall(StoredScore? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stored.ResultJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("overall_score", out var overall)
                && overall.ValueKind == JsonValueKind.Number
                ? overall.GetDouble()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

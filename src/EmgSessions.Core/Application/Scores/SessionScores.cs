using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Scores;

namespace EmgSessions.Core.Application.Scores;

/// <summary>
/// A session's scores and inputs for an <see cref="Actor"/>, the same for every transport: reading them needs
/// <see cref="Permissions.SessionsRead"/> on the session (another therapist's is "not found"), entering inputs
/// <see cref="Permissions.SessionsAnnotate"/> as well. Inputs entered here are the person's (source
/// <see cref="InputSources.Therapist"/>, entered by the actor), re-score the session at once and are audited as a change.
/// </summary>
internal sealed class SessionScores(SessionQueries sessions, IScoringStore store, ScoreInputs inputs, IAuditSink audit, TimeProvider clock)
{
    private const string Annotate = Permissions.SessionsAnnotate;

    public async Task<Answer<SessionScoreSheet>> GetAsync(Actor actor, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await sessions.ReachAsync(actor, sessionId, cancellationToken).ConfigureAwait(false) is { IsOk: false } refused)
        {
            return Answer<SessionScoreSheet>.From(refused);
        }

        var score = await store.GetScoreAsync(sessionId, cancellationToken).ConfigureAwait(false);
        StoredConfiguration? configuration = null;
        if (score?.ScoringConfigId is { } configurationId)
        {
            var all = await store.ListConfigurationsAsync(cancellationToken).ConfigureAwait(false);
            configuration = all.FirstOrDefault(c => c.Configuration.Id == configurationId);
        }

        var entered = await store.GetInputsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (entered is null)
        {
            return SessionQueries.NotFound<SessionScoreSheet>(sessionId);
        }

        var ordered = entered.OrderBy(i => Priority(i.Source)).ToList();
        return Answer<SessionScoreSheet>.Ok(new SessionScoreSheet(score, configuration, ordered, MayAnnotate(actor)));
    }

    /// <summary>
    /// Stores the given inputs as the actor's (what is not given stays) and scores the session again. The outcome's
    /// errors name each field out of range (nothing is stored then); its score is null while the session has no
    /// completed analysis.
    /// </summary>
    public async Task<Answer<InputsOutcome>> ChangeInputsAsync(Actor actor, Guid sessionId, SessionInputs change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        if (!MayAnnotate(actor))
        {
            return Answer<InputsOutcome>.Forbidden(Annotate);
        }

        if (await sessions.ReachAsync(actor, sessionId, cancellationToken).ConfigureAwait(false) is { IsOk: false } refused)
        {
            return Answer<InputsOutcome>.From(refused);
        }

        var own = change with { Source = InputSources.Therapist, EnteredBy = actor.Name, EnteredAt = clock.GetUtcNow() };
        var outcome = await inputs.ChangeAsync(sessionId, own, cancellationToken).ConfigureAwait(false);
        if (!outcome.Found)
        {
            return SessionQueries.NotFound<InputsOutcome>(sessionId);
        }

        if (outcome.Errors.Count == 0 && outcome.UpdatedFields.Count > 0)
        {
            var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["inputs"] = string.Join(",", outcome.UpdatedFields) };
            await audit.AppendAsync(
                AuditEvent.By(actor, AuditActions.SessionChanged, clock, PersonReads.Session, sessionId.ToString(), details: details),
                cancellationToken).ConfigureAwait(false);
        }

        return Answer<InputsOutcome>.Ok(outcome);
    }

    /// <summary>True when <paramref name="actor"/>'s role may enter inputs (a therapist for the sessions they can reach).</summary>
    public static bool MayAnnotate(Actor actor) => AccessRules.GrantFor(actor, Annotate) is Grant.Allowed or Grant.OwnPatients;

    private static int Priority(string source)
    {
        var index = InputSources.ByPriority.ToList().IndexOf(source);
        return index < 0 ? int.MaxValue : index;
    }
}

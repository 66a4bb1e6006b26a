using EmgSessions.Analysis;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Scores;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Stores;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The Session page's data: the session, its technical data and its stored analytics, its scores and the inputs form;
/// and the what-if re-evaluation.
/// </summary>
internal sealed class SessionPageQuery(ISessionStore sessions, SessionQueries queries, SessionScores scores)
{
    /// <summary>
    /// The session when <paramref name="actor"/> may read it (SessionQueries decides: another therapist's patient's
    /// session is "not found"); null otherwise.
    /// </summary>
    public async Task<SessionPageData?> LoadAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var allowed = await queries.GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
        if (!allowed.IsOk)
        {
            return null;
        }

        var session = await sessions.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
        return session is null ? null : new SessionPageData(session, AnalyticsView.Parse(session.AnalyticsCacheJson));
    }

    /// <summary>The session's scores for <paramref name="actor"/>; null when the actor may not read the session.</summary>
    public async Task<ScoreSection?> LoadScoresAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var answer = await scores.GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
        if (!answer.IsOk)
        {
            return null;
        }

        var sheet = answer.Value!;
        return new ScoreSection(sheet.Score is { } stored ? ScoreView.From(stored, sheet.Configuration) : null, sheet.Inputs, sheet.MayAnnotate);
    }

    /// <summary>
    /// Enters the form's inputs as <paramref name="actor"/>'s and scores the session again; empty when saved, else a
    /// message per field (<see cref="InputsForm"/>'s names) or for the whole form (nothing stored then).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveInputsAsync(Actor actor, Guid id, InputsFormValues values, CancellationToken cancellationToken)
    {
        var (change, errors) = InputsForm.Read(values);
        if (change is null)
        {
            return errors;
        }

        var answer = await scores.ChangeInputsAsync(actor, id, change, cancellationToken).ConfigureAwait(false);
        if (!answer.IsOk)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal) { [InputsForm.Form] = answer.Detail };
        }

        return answer.Value!.Errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)), StringComparer.Ordinal);
    }

    /// <summary>
    /// The stored contractions re-evaluated with other thresholds (emg-analysis.md §7.8) — a simulation, never
    /// written back. Null with a message when the session has no analytics or the thresholds are refused.
    /// </summary>
    public static (AnalyticsView? Simulated, string? Problem) Simulate(SessionRecord session, WhatIfThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (AnalyticsView.Parse(session.AnalyticsCacheJson) is null)
        {
            return (null, "This session has no stored analytics to re-evaluate yet.");
        }

        try
        {
            var options = AnalysisOptions.Default with
            {
                SessionMvcThresholdPercentage = thresholds.MvcPercent,
                ContractionDurationThreshold = thresholds.DurationMs,
                ThresholdFactor = thresholds.ThresholdFactor,
            };
            return (AnalyticsView.Parse(ContractionReevaluator.ReevaluateJson(session.AnalyticsCacheJson, options)), null);
        }
        catch (AnalysisOptionsException e)
        {
            return (null, e.Message);
        }
        catch (FormatException e)
        {
            return (null, "The stored analytics cannot be re-evaluated: " + e.Message);
        }
    }
}

/// <summary>A session and its analytics.</summary>
internal sealed record SessionPageData(SessionRecord Session, AnalyticsView? Analytics);

/// <summary>The thresholds a what-if re-evaluation uses.</summary>
internal sealed record WhatIfThresholds(double MvcPercent, double DurationMs, double ThresholdFactor);

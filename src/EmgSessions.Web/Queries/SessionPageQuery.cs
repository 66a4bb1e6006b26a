using EmgSessions.Analysis;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Stores;

namespace EmgSessions.Web.Queries;

/// <summary>The Session page's data: the session, its technical data and its stored analytics; and the what-if re-evaluation.</summary>
internal sealed class SessionPageQuery(ISessionStore sessions, SessionQueries queries)
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

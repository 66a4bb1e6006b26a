using System.Globalization;

namespace EmgSessions.Scoring;

/// <summary>
/// The alerts of one patient (scoring.md §5), each with its reason and sessions: adherence below 70 %, no session
/// for 3 days during treatment, a declining overall trend, RPE ≥ 8, BFR outside its window, a failed or stuck
/// session. Only that patient's sessions are read.
/// </summary>
public static class TherapistAlerts
{
    public static IReadOnlyList<TherapistAlert> Detect(
        string patientCode,
        DateOnly? treatmentStart,
        IEnumerable<PatientSession> sessions,
        DateOnly today,
        DateTimeOffset now,
        AlertRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(patientCode);
        ArgumentNullException.ThrowIfNull(sessions);
        rules ??= AlertRules.Default;
        var own = PatientProgressCalculator.OwnSessions(patientCode, sessions);
        var alerts = new List<TherapistAlert>();
        if (treatmentStart is { } start)
        {
            Adherence(patientCode, start, today, own, rules, alerts);
            Absence(start, today, own, rules, alerts);
        }

        Trend(own, alerts);
        foreach (var session in own)
        {
            PerSession(session, now, rules, alerts);
        }

        return alerts;
    }

    private static void Adherence(string patientCode, DateOnly start, DateOnly today, IReadOnlyList<PatientSession> own, AlertRules rules, List<TherapistAlert> alerts)
    {
        var adherence = AdherenceCalculator.Compute(patientCode, start, today, own, rules.TrialLengthDays);
        if (adherence.Score is { } score && score < rules.AdherenceBelow)
        {
            alerts.Add(new(
                AlertKind.LowAdherence,
                Text($"Adherence {score:0.#} % is below {rules.AdherenceBelow:0.#} %: {adherence.CompletedSessions} completed game sessions by treatment day {adherence.TreatmentDay}, {adherence.ExpectedSessions:0.#} expected."),
                adherence.SessionIds));
        }
    }

    private static void Absence(DateOnly start, DateOnly today, IReadOnlyList<PatientSession> own, AlertRules rules, List<TherapistAlert> alerts)
    {
        var end = start.AddDays(rules.TrialLengthDays - 1);
        if (today < start || today > end)
        {
            return;
        }

        var last = own.Where(s => s.Date >= start && s.Date <= today).Select(s => (PatientSession?)s).LastOrDefault();
        var reference = last?.Date ?? start.AddDays(-1);
        var days = today.DayNumber - reference.DayNumber;
        if (days >= rules.DaysWithoutSession)
        {
            var reason = last is null
                ? Text($"No session for {days} days: none since the treatment started on {start:yyyy-MM-dd}.")
                : Text($"No session for {days} days: the last was on {last.Date:yyyy-MM-dd}.");
            alerts.Add(new(AlertKind.NoRecentSession, reason, last is null ? [] : [last.SessionId]));
        }
    }

    private static void Trend(IReadOnlyList<PatientSession> own, List<TherapistAlert> alerts)
    {
        var scored = own.Where(s => s.Status == SessionStatus.Completed && s.Scores?.OverallScore is not null).ToArray();
        var trend = TrendCalculator.Of(scored.Select(s => s.Scores!.OverallScore!.Value).ToArray());
        if (trend.Direction == TrendDirection.Declining)
        {
            var behind = scored[^(2 * TrendCalculator.Window)..].Select(s => s.SessionId).ToArray();
            var change = trend.RelativeChange is { } c ? Text($" ({c * 100:+0.#;-0.#} %)") : "";
            alerts.Add(new(
                AlertKind.DecliningOverallTrend,
                Text($"The overall score is declining: the last {TrendCalculator.Window} sessions average {trend.RecentMean:0.#}, the {TrendCalculator.Window} before {trend.PreviousMean:0.#}{change}."),
                behind));
        }
    }

    private static void PerSession(PatientSession session, DateTimeOffset now, AlertRules rules, List<TherapistAlert> alerts)
    {
        var day = session.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (session.Inputs?.Rpe is { } rpe && rpe >= rules.RpeAtLeast)
        {
            alerts.Add(new(AlertKind.HighRpe, Text($"RPE {rpe} after the session of {day} (≥ {rules.RpeAtLeast}: risk of overexertion)."), [session.SessionId]));
        }

        if (session.Inputs is { } inputs)
        {
            var outside = new[] { ("session", inputs.BfrPressureAop), ("left", inputs.BfrPressureAopLeft), ("right", inputs.BfrPressureAopRight) }
                .Where(p => p.Item2 is { } v && !BfrWindow.Contains(v))
                .Select(p => Text($"{p.Item2:0.##} % AOP ({p.Item1})"))
                .ToArray();
            if (outside.Length > 0)
            {
                alerts.Add(new(
                    AlertKind.BfrOutOfWindow,
                    Text($"BFR pressure outside {BfrWindow.MinPressureAop:0}–{BfrWindow.MaxPressureAop:0} % AOP in the session of {day}: {string.Join(", ", outside)}."),
                    [session.SessionId]));
            }
        }

        if (session.Status == SessionStatus.Failed)
        {
            var error = string.IsNullOrWhiteSpace(session.ErrorMessage) ? "no error recorded" : session.ErrorMessage.TrimEnd().TrimEnd('.');
            alerts.Add(new(AlertKind.FailedSession, $"The session of {day} failed: {error}.", [session.SessionId]));
        }
        else if (session.Status is SessionStatus.Pending or SessionStatus.Processing or SessionStatus.Reprocessing
            && session.StatusSince is { } since && now - since > rules.StuckAfter)
        {
            alerts.Add(new(
                AlertKind.StuckSession,
                Text($"The session of {day} has been {session.Status.ToString().ToLowerInvariant()} for {(now - since).TotalMinutes:0} minutes (more than {rules.StuckAfter.TotalMinutes:0})."),
                [session.SessionId]));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

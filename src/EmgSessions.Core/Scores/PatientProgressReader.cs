using System.Text.Json;
using EmgSessions.Core.Application;
using EmgSessions.Core.Stores;
using EmgSessions.Scoring;

namespace EmgSessions.Core.Scores;

/// <summary>
/// A patient's progress (scoring.md §5) from that patient's sessions (by patient code, as the session list filters them)
/// and their stored scores; the treatment start is given, else the date of the patient's first session. Each session
/// also carries the analytics metrics its trend charts need, per side (<see cref="SessionMetrics"/>), and its error
/// message without server paths.
/// </summary>
internal sealed class PatientProgressReader(ISessionReader sessions, IScoringStore store, TimeProvider? timeProvider = null)
{
    /// <summary>The sessions read at once (the most a session list returns).</summary>
    private const int ManyPage = 1000;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// The progress; null when no session has that patient code. One batch read (<see cref="ReadManyAsync"/>): the
    /// patient's sessions, then the scores and the inputs of all of them at once, a fixed number of queries however
    /// many sessions the patient has (up to <see cref="ManyPage"/> sessions a list page).
    /// </summary>
    public async Task<PatientProgress?> ReadAsync(string patientCode, DateOnly? treatmentStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientCode);
        var read = await ReadManyAsync([(patientCode, treatmentStart)], cancellationToken).ConfigureAwait(false);
        return read.GetValueOrDefault(patientCode);
    }

    /// <summary>
    /// The progress of many patients (a page of a list) in a fixed number of reads: their sessions in pages of
    /// <see cref="ManyPage"/>, then the scores and the inputs of all those sessions at once (three store reads for up to
    /// <see cref="ManyPage"/> sessions). A code with no session has no entry.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PatientProgress>> ReadManyAsync(
        IReadOnlyCollection<(string PatientCode, DateOnly? TreatmentStart)> patients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var progress = new Dictionary<string, PatientProgress>(StringComparer.Ordinal);
        var codes = patients.Select(p => p.PatientCode).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            return progress;
        }

        var listed = new List<SessionRecord>();
        for (var offset = 0; ; offset += ManyPage)
        {
            var page = await sessions.ListSessionsAsync(new SessionQuery(Limit: ManyPage, Offset: offset, PatientIds: codes), cancellationToken).ConfigureAwait(false);
            listed.AddRange(page.Items);
            if (page.Items.Count < ManyPage)
            {
                break;
            }
        }

        var ids = listed.Select(s => s.Id).ToList();
        var scores = await store.GetScoresAsync(ids, cancellationToken).ConfigureAwait(false);
        var inputs = await store.GetInputsAsync(ids, cancellationToken).ConfigureAwait(false);
        var histories = listed.Where(s => s.PatientId is not null).GroupBy(s => s.PatientId!, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Select(s => (s, scores.GetValueOrDefault(s.Id), inputs.GetValueOrDefault(s.Id) ?? (IReadOnlyList<SessionInputs>)[])).ToList(),
            StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        foreach (var (code, start) in patients)
        {
            if (code is not null && histories.TryGetValue(code, out var history) && Build(code, start, history, now) is { } built)
            {
                progress[code] = built;
            }
        }

        return progress;
    }

    /// <summary>
    /// The progress of one patient from rows already read: the patient's sessions in list order, each with its stored
    /// score (if any) and its inputs; null when there is no session. Both reads above end here.
    /// </summary>
    internal static PatientProgress? Build(
        string patientCode, DateOnly? treatmentStart, IReadOnlyList<(SessionRecord Session, StoredScore? Score, IReadOnlyList<SessionInputs> Inputs)> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return null;
        }

        var history = rows.Select(r => SessionOf(r.Session, patientCode, r.Score, r.Inputs)).ToList();
        var start = treatmentStart ?? history.Min(s => s.Date);
        return PatientProgressCalculator.Build(patientCode, start, history, DateOnly.FromDateTime(now.UtcDateTime), now);
    }

    private static PatientSession SessionOf(SessionRecord session, string patientCode, StoredScore? stored, IReadOnlyList<SessionInputs> inputs) => new()
    {
        SessionId = session.Id,
        PatientCode = session.PatientId ?? patientCode,
        Date = DateOnly.FromDateTime((session.SessionDate ?? session.CreatedAt).UtcDateTime),
        Status = StatusOf(session.ProcessingStatus),
        StatusSince = session.UpdatedAt,
        ErrorMessage = ServerPaths.Redact(session.ProcessingErrorMessage),
        Inputs = inputs.Count == 0 ? null : SessionScoring.Entered(inputs),
        Scores = stored is null ? null : ResultOf(stored),
        Metrics = SessionMetrics.Of(session.ProcessingStatus == Stores.SessionStatus.Completed ? session.AnalyticsCacheJson : null),
    };

    private static EmgSessions.Scoring.SessionStatus StatusOf(string status) => status switch
    {
        Stores.SessionStatus.Completed => EmgSessions.Scoring.SessionStatus.Completed,
        Stores.SessionStatus.Failed => EmgSessions.Scoring.SessionStatus.Failed,
        Stores.SessionStatus.Processing => EmgSessions.Scoring.SessionStatus.Processing,
        Stores.SessionStatus.Reprocessing => EmgSessions.Scoring.SessionStatus.Reprocessing,
        _ => EmgSessions.Scoring.SessionStatus.Pending,
    };

    /// <summary>Our stored result; a predecessor row as the components it holds (its weights and completeness are unknown).</summary>
    private static ScoringResult? ResultOf(StoredScore stored)
    {
        if (stored.Origin == "emgs")
        {
            return ScoreJson.Deserialize(stored.ResultJson);
        }

        using var document = JsonDocument.Parse(stored.ResultJson);
        var row = document.RootElement;
        double? Value(string name) => row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        return new ScoringResult
        {
            SessionId = stored.SessionId,
            Profile = "predecessor",
            ScoringConfigId = stored.ScoringConfigId,
            ScoringConfigName = "predecessor",
            OverallScore = Value("overall_score"),
            ComplianceScore = Value("compliance_score"),
            SymmetryScore = Value("symmetry_score"),
            EffortScore = Value("effort_score"),
            GameScore = Value("game_score"),
            LeftMuscleCompliance = Value("left_muscle_compliance"),
            RightMuscleCompliance = Value("right_muscle_compliance"),
            BfrCompliant = row.TryGetProperty("bfr_compliant", out var bfr) && bfr.ValueKind == JsonValueKind.True,
            BfrPressureAop = Value("bfr_pressure_aop"),
            RpePostSession = Value("rpe_post_session") is { } rpe ? (int)rpe : null,
            WeightsUsed = new ScoringWeights(0, 0, 0, 0, 0, 0, 0),
            DataCompleteness = new DataCompleteness(false, Value("rpe_post_session") is not null, Value("game_score") is not null, Value("bfr_pressure_aop") is not null),
            ComputedAt = stored.ComputedAt ?? default,
        };
    }
}

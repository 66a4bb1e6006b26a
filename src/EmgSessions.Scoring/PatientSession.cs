namespace EmgSessions.Scoring;

/// <summary>
/// One session in a patient's history, as adherence, trends and alerts read it: whose it is, the day it was
/// recorded, its status (and since when, to recognise a stuck session), the inputs entered for it, its scores, and
/// key analytics metrics by name (e.g. <c>mpf_left</c>) for their trends.
/// </summary>
public sealed record PatientSession
{
    public required Guid SessionId { get; init; }

    public required string PatientCode { get; init; }

    /// <summary>The day of the session (the recording's date), in the clinic's calendar.</summary>
    public required DateOnly Date { get; init; }

    public required SessionStatus Status { get; init; }

    /// <summary>When the session entered its current status; null when unknown.</summary>
    public DateTimeOffset? StatusSince { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The therapist's or game's inputs (RPE, game points, BFR); only those fields are read.</summary>
    public ScoringInputs? Inputs { get; init; }

    public ScoringResult? Scores { get; init; }

    public IReadOnlyDictionary<string, double?> Metrics { get; init; } = new Dictionary<string, double?>(StringComparer.Ordinal);
}

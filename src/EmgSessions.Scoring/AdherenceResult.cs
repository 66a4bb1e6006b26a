namespace EmgSessions.Scoring;

/// <summary>
/// A patient's adherence on one day (scoring.md §5). <see cref="TreatmentDay"/> is t (days since the treatment
/// start + 1, at most the trial length); <see cref="Score"/> and <see cref="Category"/> are null while t &lt; 3.
/// <see cref="SessionIds"/> are the completed sessions counted, all in <see cref="WindowStart"/>…<see cref="WindowEnd"/>.
/// </summary>
public sealed record AdherenceResult(
    string PatientCode,
    int TreatmentDay,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    int CompletedSessions,
    double ExpectedSessions,
    double? Score,
    AdherenceCategory? Category,
    IReadOnlyList<Guid> SessionIds);

namespace EmgSessions.Scoring;

/// <summary>One alert for a therapist: what it is about, why it fired (one sentence with the numbers), and the sessions behind it.</summary>
public sealed record TherapistAlert(AlertKind Kind, string Reason, IReadOnlyList<Guid> SessionIds);

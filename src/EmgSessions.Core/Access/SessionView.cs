namespace EmgSessions.Core.Access;

/// <summary>
/// A therapy session as shown to a person: its patient (null when unassigned) and free-text notes, which a
/// pseudonymised view hides.
/// </summary>
internal sealed record SessionView(
    string SessionId,
    string PatientCode,
    DateTimeOffset? RecordedAt,
    string? Notes,
    PatientView? Patient,
    bool Pseudonymised = false);

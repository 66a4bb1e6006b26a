namespace EmgSessions.Core.Stores;

/// <summary>
/// Filters and paging for the session list; newest first (created_at DESC, id). <see cref="TherapistId"/> limits the
/// list to the sessions of that therapist's patients; the application layer sets it only when
/// <c>IPatientDirectory.HasPatientsAsync</c> says the therapist has patients, which needs the patients table.
/// </summary>
public sealed record SessionQuery(
    string? Status = null,
    string? PatientId = null,
    DateTimeOffset? SessionDateFrom = null,
    DateTimeOffset? SessionDateTo = null,
    int Limit = 50,
    int Offset = 0,
    Guid? TherapistId = null);

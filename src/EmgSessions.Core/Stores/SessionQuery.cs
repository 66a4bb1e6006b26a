namespace EmgSessions.Core.Stores;

/// <summary>Filters and paging for the session list; newest first (created_at DESC, id).</summary>
/// <param name="TherapistId">Only sessions whose patient code is a patient of this therapist (a therapist's list scope).</param>
/// <param name="Unassigned">Only sessions whose patient code names no patient with a therapist (unknown codes included).</param>
public sealed record SessionQuery(
    string? Status = null,
    string? PatientId = null,
    DateTimeOffset? SessionDateFrom = null,
    DateTimeOffset? SessionDateTo = null,
    int Limit = 50,
    int Offset = 0,
    Guid? TherapistId = null,
    bool Unassigned = false);

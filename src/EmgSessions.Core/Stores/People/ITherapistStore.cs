namespace EmgSessions.Core.Stores.People;

/// <summary>Therapists: the predecessor's <c>therapists</c> rows (its September shape: <c>user_profiles</c> with role therapist).</summary>
internal interface ITherapistStore
{
    Task<IReadOnlyList<TherapistRecord>> ListTherapistsAsync(CancellationToken cancellationToken);

    Task<TherapistRecord?> GetTherapistAsync(Guid therapistId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a therapist for <paramref name="userId"/> (a local account's id or a Supabase user id) and links the local
    /// account whose id or Supabase id it is.
    /// </summary>
    /// <exception cref="PeopleConflictException">The user has a therapist already, or this database keeps therapists elsewhere.</exception>
    Task<TherapistRecord> CreateTherapistAsync(string firstName, string lastName, Guid userId, CancellationToken cancellationToken);
}

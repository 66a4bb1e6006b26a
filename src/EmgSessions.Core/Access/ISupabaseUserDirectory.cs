namespace EmgSessions.Core.Access;

/// <summary>
/// Who a verified Supabase user is here: the predecessor's role rows for <see cref="SupabaseIdentity.Subject"/>
/// (<c>auth.users.id</c>) — <c>therapists.user_id</c> for a therapist (scope: that <c>therapists.id</c>),
/// <c>user_profiles.role</c> or <c>researcher_profiles.role</c> for admins and researchers.
/// </summary>
internal interface ISupabaseUserDirectory
{
    /// <summary>The actor for the user, or null when the user has no role here (the token is then refused).</summary>
    Task<Actor?> FindAsync(SupabaseIdentity identity, CancellationToken cancellationToken);
}

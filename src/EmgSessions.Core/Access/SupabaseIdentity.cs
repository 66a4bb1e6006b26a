namespace EmgSessions.Core.Access;

/// <summary>
/// Who a valid Supabase access token speaks for: <see cref="Subject"/> is <c>auth.users.id</c>, to be looked up in
/// the predecessor's <c>user_profiles</c> / <c>researcher_profiles</c> / <c>therapists</c> rows for a role.
/// </summary>
internal sealed record SupabaseIdentity(Guid Subject, string? Email, DateTimeOffset ExpiresAt);

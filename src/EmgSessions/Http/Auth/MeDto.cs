namespace EmgSessions.Http.Auth;

/// <summary>
/// <c>GET /api/auth/me</c>: who the caller is. <paramref name="Email"/> is null for the local user;
/// <paramref name="Role"/> is admin, therapist, researcher or local; <paramref name="Scheme"/> how they signed in.
/// </summary>
internal sealed record MeDto(string? Email, string Role, string Scheme);

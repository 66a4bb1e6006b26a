namespace EmgSessions.Http.Auth;

/// <summary><c>GET /api/auth/antiforgery</c>: the token to send with unsafe requests of a signed-in browser, and where.</summary>
internal sealed record AntiforgeryTokenDto(string Token, string HeaderName, string FormField);

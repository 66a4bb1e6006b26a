namespace EmgSessions.Tests.Http.Auth;

/// <summary>A signed-in browser: its <c>Cookie</c> header (session and antiforgery cookies) and its antiforgery token.</summary>
internal sealed record CookieSession(string Cookies, string AntiforgeryToken);

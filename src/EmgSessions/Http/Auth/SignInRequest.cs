namespace EmgSessions.Http.Auth;

/// <summary>The body of <c>POST /api/auth/sign-in</c> (JSON or form fields <c>email</c>, <c>password</c>).</summary>
internal sealed record SignInRequest(string? Email, string? Password);

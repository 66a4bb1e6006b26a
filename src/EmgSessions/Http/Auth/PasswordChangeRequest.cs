namespace EmgSessions.Http.Auth;

/// <summary>The body of <c>POST /api/auth/password</c>: <c>current_password</c>, <c>new_password</c>.</summary>
internal sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

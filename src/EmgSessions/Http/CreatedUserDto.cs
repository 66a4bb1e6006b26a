namespace EmgSessions.Http;

/// <summary>The answer of <c>POST /api/users</c> and of a reset: the account and the one-time password, shown this once.</summary>
internal sealed record CreatedUserDto(UserDto User, string OneTimePassword, string? Note);

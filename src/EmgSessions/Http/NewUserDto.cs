namespace EmgSessions.Http;

/// <summary>The body of <c>POST /api/users</c>: email and role; a therapist may name an existing therapist or get one made from the names.</summary>
internal sealed record NewUserDto(string? Email, string? Role, Guid? TherapistId, string? FirstName, string? LastName);

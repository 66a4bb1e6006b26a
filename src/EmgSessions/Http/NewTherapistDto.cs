namespace EmgSessions.Http;

/// <summary>The body of <c>POST /api/therapists</c>: names and the user it is for (a local account's email, or a Supabase user id).</summary>
internal sealed record NewTherapistDto(string? FirstName, string? LastName, string? Email, Guid? UserId);

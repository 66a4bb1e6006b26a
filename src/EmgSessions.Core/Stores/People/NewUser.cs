using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>A local account to create; the password arrives already hashed.</summary>
internal sealed record NewUser(string Email, string PasswordHash, Role Role, Guid? TherapistId = null, Guid? SupabaseUserId = null);

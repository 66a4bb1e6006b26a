using EmgSessions.Core.Stores.People;

namespace EmgSessions.Core.People;

/// <summary>
/// An account just created: its row, the one-time password to hand over (null when the password was given), and a
/// note when a therapist account could not be linked to a therapist yet.
/// </summary>
internal sealed record NewAccount(UserRecord User, string? OneTimePassword, string? Note);

namespace EmgSessions.Core.Stores;

/// <summary>The answer of Phase 1's database step. <paramref name="ExistingPath"/> is the original path for <see cref="RegistrationOutcome.DuplicateContent"/>.</summary>
public sealed record SessionRegistration(Guid SessionId, RegistrationOutcome Outcome, string? ExistingPath = null);

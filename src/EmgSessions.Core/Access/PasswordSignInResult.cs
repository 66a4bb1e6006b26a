namespace EmgSessions.Core.Access;

/// <summary>The outcome of a sign-in; <see cref="Actor"/> is set only when it succeeded.</summary>
internal sealed record PasswordSignInResult(SignInOutcome Outcome, Actor? Actor, TimeSpan? RetryAfter)
{
    public static PasswordSignInResult Failed { get; } = new(SignInOutcome.Failed, null, null);
}

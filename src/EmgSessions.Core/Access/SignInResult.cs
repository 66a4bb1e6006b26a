namespace EmgSessions.Core.Access;

/// <summary>The outcome of a sign-in; <see cref="Actor"/> is set only when it succeeded.</summary>
internal sealed record SignInResult(SignInOutcome Outcome, Actor? Actor, TimeSpan? RetryAfter)
{
    public static SignInResult Failed { get; } = new(SignInOutcome.Failed, null, null);
}

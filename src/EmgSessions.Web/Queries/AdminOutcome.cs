namespace EmgSessions.Web.Queries;

/// <summary>
/// How an admin form ended: done (<see cref="Ok"/>) or refused, with a sentence saying what happened or what was wrong
/// and what to do; <see cref="OneTimePassword"/> when an account got a new password to pass on (shown once).
/// </summary>
internal sealed record AdminOutcome(bool Ok, string Message, string? OneTimePassword = null)
{
    public static AdminOutcome Done(string message, string? oneTimePassword = null) => new(true, message, oneTimePassword);

    public static AdminOutcome Refused(string message) => new(false, message);
}

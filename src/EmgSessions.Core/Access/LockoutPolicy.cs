namespace EmgSessions.Core.Access;

/// <summary>
/// Lockout with a growing delay: the first <see cref="FreeFailures"/> − 1 consecutive failures cost nothing; the
/// <see cref="FreeFailures"/>th locks the account for <see cref="FirstDelay"/>, and each further failure after
/// a lock lifts doubles it, up to <see cref="MaxDelay"/>. Attempts while locked are refused and not counted.
/// </summary>
internal sealed record LockoutPolicy(int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));

    /// <summary>How long to lock after the <paramref name="consecutiveFailures"/>th failure; null for no lock.</summary>
    public TimeSpan? DelayAfter(int consecutiveFailures)
    {
        if (consecutiveFailures < FreeFailures)
        {
            return null;
        }

        var doublings = Math.Min(consecutiveFailures - FreeFailures, 30);
        var ticks = FirstDelay.Ticks * Math.Pow(2, doublings);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}

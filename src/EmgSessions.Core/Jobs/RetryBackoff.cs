namespace EmgSessions.Core.Jobs;

/// <summary>Exponential backoff with jitter: base·2^(attempt−1), capped, times a factor in [0.5, 1.5).</summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double unitRandom)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var seconds = Math.Min(baseDelay.TotalSeconds * Math.Pow(2, exponent), maxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.5 + Math.Clamp(unitRandom, 0, 1)));
    }
}

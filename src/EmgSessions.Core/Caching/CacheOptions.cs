namespace EmgSessions.Core.Caching;

/// <summary>The analytics cache (system.md §5). Section <c>Cache</c>.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Sliding time to live of an entry, counted from its last access.</summary>
    public double TtlDays { get; set; } = 30;

    /// <summary>How often the background cleanup empties expired entries (0 = never).</summary>
    public double CleanupIntervalHours { get; set; } = 24;

    public TimeSpan Ttl => TimeSpan.FromDays(TtlDays);

    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (TtlDays is <= 0 or > 36500)
        {
            problems.Add($"Cache:TtlDays must be above 0 and at most 36500 (got {TtlDays}).");
        }

        if (CleanupIntervalHours < 0)
        {
            problems.Add($"Cache:CleanupIntervalHours must be >= 0 (got {CleanupIntervalHours}).");
        }

        return problems;
    }
}

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>The periodic reconciler (section <c>Reconciler</c>; system.md §4.4).</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "Reconciler";

    /// <summary>Time between passes (default 5 minutes); zero or less turns the periodic reconciler off.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait before the first pass after start.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Objects ingested at the same time during a pass.</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>
    /// Attempts at each list page before the pass gives up (a page that fails is listed again after a backoff;
    /// success resets the count).
    /// </summary>
    public int ListAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry of a failed list page; doubled per attempt (at most 8×), with ±50 % jitter.</summary>
    public TimeSpan ListRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (MaxParallelism < 1)
        {
            problems.Add("Reconciler:MaxParallelism must be at least 1.");
        }

        if (ListAttempts is < 1 or > 100)
        {
            problems.Add($"Reconciler:ListAttempts must be between 1 and 100 (got {ListAttempts}).");
        }

        if (ListRetryDelay < TimeSpan.Zero)
        {
            problems.Add("Reconciler:ListRetryDelay must not be negative.");
        }

        return problems;
    }
}

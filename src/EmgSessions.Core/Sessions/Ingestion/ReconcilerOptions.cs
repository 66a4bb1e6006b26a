namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>The periodic reconciler (section <c>Reconciler</c>; system.md §4.4).</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Reconciler";

    /// <summary>Time between passes (default 5 minutes); zero or less turns the periodic reconciler off.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wait before the first pass after start.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Objects ingested at the same time during a pass.</summary>
    public int MaxParallelism { get; set; } = 4;

    public IReadOnlyList<string> Validate() =>
        MaxParallelism < 1 ? ["Reconciler:MaxParallelism must be at least 1."] : [];
}

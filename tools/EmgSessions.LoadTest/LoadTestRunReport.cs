namespace EmgSessions.LoadTesting;

/// <summary>The measurements and checks of one load-test run (one database, N processes, W worker slots each).</summary>
internal sealed record LoadTestRunReport
{
    public required string Database { get; init; }

    public required int Processes { get; init; }

    public required int WorkersPerProcess { get; init; }

    public required int Recordings { get; init; }

    public required long RecordingBytes { get; init; }

    public required int Deliveries { get; init; }

    public required int DuplicateDeliveries { get; init; }

    public required double TargetRate { get; init; }

    /// <summary>Deliveries per second actually sent.</summary>
    public required double AchievedRate { get; init; }

    /// <summary>HTTP status code (0 = no answer) → deliveries.</summary>
    public required IReadOnlyDictionary<string, int> WebhookStatuses { get; init; }

    public required Percentiles WebhookLatencyMs { get; init; }

    /// <summary>Phase 1 inside the server (storage read, SHA-256, spool write, database), from its log.</summary>
    public required Percentiles Phase1Ms { get; init; }

    /// <summary>From the first delivery to the last session completed.</summary>
    public required double WallSeconds { get; init; }

    public required double SessionsCompletedPerSecond { get; init; }

    public required double MegabytesIngestedPerSecond { get; init; }

    /// <summary>From the first delivery of a file to its session's processed_at.</summary>
    public required Percentiles EndToEndMs { get; init; }

    /// <summary>processing_time_ms as the workers measured it.</summary>
    public required Percentiles ProcessingTimeMs { get; init; }

    public required int Completed { get; init; }

    public required int Failed { get; init; }

    public required int NotSettled { get; init; }

    public required IReadOnlyList<LoadTestProcessReport> ProcessReports { get; init; }

    /// <summary>Every check that failed (empty: every file became exactly one completed session, analysed once).</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public bool Verified => Problems.Count == 0;
}

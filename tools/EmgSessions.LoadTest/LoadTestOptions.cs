namespace EmgSessions.LoadTesting;

/// <summary>What <c>emgs-loadtest</c> does: how many recordings, how fast, on which databases, with how many workers.</summary>
internal sealed record LoadTestOptions
{
    /// <summary>Distinct synthetic recordings uploaded (each 1–3 MB).</summary>
    public int Recordings { get; init; } = 200;

    /// <summary>Webhook deliveries per second.</summary>
    public double Rate { get; init; } = 100;

    /// <summary>Extra deliveries of already-delivered events, as a fraction of <see cref="Recordings"/>.</summary>
    public double Duplicates { get; init; } = 0.1;

    /// <summary>Worker slots per serve process; one run per entry (a scaling series).</summary>
    public IReadOnlyList<int> Workers { get; init; } = [Environment.ProcessorCount];

    /// <summary>Warm-up deliveries per process before measuring (they create no session).</summary>
    public int WarmUp { get; init; } = 20;

    /// <summary>PostgreSQL server (Npgsql keywords) for the two-process runs; null: SQLite only.</summary>
    public string? Postgres { get; init; }

    /// <summary>Serve processes in the PostgreSQL runs.</summary>
    public int PostgresProcesses { get; init; } = 2;

    /// <summary>Skip the SQLite run (only the PostgreSQL runs).</summary>
    public bool SkipSqlite { get; init; }

    /// <summary>Smallest and largest recording, in bytes.</summary>
    public long MinBytes { get; init; } = 1_000_000;

    public long MaxBytes { get; init; } = 3_000_000;

    /// <summary>Seed of the recordings and of the delivery schedule.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Longest a run waits for every session to settle after the last delivery.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Keep the temporary folders (logs, databases) for inspection.</summary>
    public bool KeepFiles { get; init; }

    /// <summary>Extra environment variables for the serve children (e.g. GC settings while profiling).</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>emgs.dll to start as <c>dotnet emgs.dll serve</c>; default: the running one.</summary>
    public string EmgsDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "emgs.dll");
}

namespace EmgSessions.Core.Jobs;

/// <summary>Phase 2 workers: slots, lease, retries (system.md §4). Section <c>Workers</c>; <c>--workers</c> / <c>EMGS_WORKERS</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>Concurrent jobs in this process; 0 = no workers. Default: the processor count.</summary>
    public int Count { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Dedicated threads that read and analyse files (<see cref="Sessions.Processing.AnalysisThreads"/>), shared by the slots;
    /// 0 = one per core. They run below the priority of request handling (<see cref="AnalysisNice"/>).
    /// </summary>
    public int AnalysisThreads { get; set; }

    /// <summary>The number of analysis threads to start: <see cref="AnalysisThreads"/>, or its default for 0.</summary>
    public int AnalysisThreadCount => AnalysisThreads > 0 ? AnalysisThreads : Sessions.Processing.AnalysisThreads.DefaultCount;

    /// <summary>
    /// Linux nice value of the analysis threads (0–19; 0 = the process's priority). Above 0 a webhook request
    /// preempts a running analysis, so the threads may use every core without delaying the answers.
    /// </summary>
    public int AnalysisNice { get; set; } = 10;

    /// <summary>How long a claim holds a job; renewed every third of it while the job runs.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts (claims) before a transiently failing job is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Idle slots look for due jobs at least this often (PostgreSQL also wakes them on NOTIFY).</summary>
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>First retry delay; doubled per attempt, capped by <see cref="RetryMaxDelaySeconds"/>, with ±50 % jitter.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 5;

    public double RetryMaxDelaySeconds { get; set; } = 300;

    /// <summary>Time bound of reading and analysing one file; past it the job fails permanently.</summary>
    public double ProcessingTimeoutSeconds { get; set; } = 120;

    /// <summary>Files above this size are not read (a bound on what a bad upload can cost).</summary>
    public long MaxFileSizeBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The bucket Phase 2 downloads from when the spool has no copy.</summary>
    public string Bucket { get; set; } = "c3d-examples";

    /// <summary>Prefix of the lease owner id (host name and process id are appended).</summary>
    public string? WorkerName { get; set; }

    /// <summary>
    /// Fault injection for tests: while this file exists, a slot that claimed a job holds it (lease renewed) before
    /// processing it. Unset in production.
    /// </summary>
    public string? HoldWhileFileExists { get; set; }

    /// <summary>
    /// How long ended jobs (succeeded, failed, cancelled) and their attempts are kept; the workers delete older ones at
    /// start and every <see cref="JobCleanupIntervalHours"/>.
    /// </summary>
    public double JobRetentionDays { get; set; } = 30;

    /// <summary>How often a worker process runs the retention cleanup of ended jobs.</summary>
    public double JobCleanupIntervalHours { get; set; } = 6;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan JobRetention => TimeSpan.FromDays(JobRetentionDays);

    public TimeSpan JobCleanupInterval => TimeSpan.FromHours(JobCleanupIntervalHours);

    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollIntervalSeconds);

    public TimeSpan ProcessingTimeout => TimeSpan.FromSeconds(ProcessingTimeoutSeconds);

    /// <summary>Messages for every out-of-range value (empty when valid).</summary>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (Count is < 0 or > 1024)
        {
            problems.Add($"Workers:Count must be between 0 and 1024 (got {Count}).");
        }

        if (AnalysisThreads is < 0 or > 256)
        {
            problems.Add($"Workers:AnalysisThreads must be between 0 and 256 (got {AnalysisThreads}).");
        }

        if (AnalysisNice is < 0 or > 19)
        {
            problems.Add($"Workers:AnalysisNice must be between 0 and 19 (got {AnalysisNice}).");
        }

        if (LeaseSeconds is < 1 or > 86400)
        {
            problems.Add($"Workers:LeaseSeconds must be between 1 and 86400 (got {LeaseSeconds}).");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            problems.Add($"Workers:MaxAttempts must be between 1 and 100 (got {MaxAttempts}).");
        }

        if (PollIntervalSeconds is <= 0 or > 3600)
        {
            problems.Add($"Workers:PollIntervalSeconds must be above 0 and at most 3600 (got {PollIntervalSeconds}).");
        }

        if (RetryBaseDelaySeconds < 0 || RetryMaxDelaySeconds < RetryBaseDelaySeconds)
        {
            problems.Add("Workers:RetryBaseDelaySeconds must be >= 0 and at most Workers:RetryMaxDelaySeconds.");
        }

        if (ProcessingTimeoutSeconds <= 0)
        {
            problems.Add($"Workers:ProcessingTimeoutSeconds must be above 0 (got {ProcessingTimeoutSeconds}).");
        }

        if (MaxFileSizeBytes <= 0)
        {
            problems.Add($"Workers:MaxFileSizeBytes must be above 0 (got {MaxFileSizeBytes}).");
        }

        if (JobRetentionDays is <= 0 or > 36500)
        {
            problems.Add($"Workers:JobRetentionDays must be above 0 and at most 36500 (got {JobRetentionDays}).");
        }

        if (JobCleanupIntervalHours is <= 0 or > 168)
        {
            problems.Add($"Workers:JobCleanupIntervalHours must be above 0 and at most 168 (got {JobCleanupIntervalHours}).");
        }

        if (string.IsNullOrWhiteSpace(Bucket))
        {
            problems.Add("Workers:Bucket must name the bucket sessions are read from.");
        }

        return problems;
    }
}

namespace EmgSessions.Cli;

/// <summary>
/// Every verb, listed by hand: no assembly scan at start-up (it loaded every type of the executable, and with them
/// ASP.NET Core and Npgsql, before the first line of output); <c>CliApplicationTests</c> checks that none is missing.
/// </summary>
internal static class CliVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        CliVerb.Fast<AnalyzeCommand, AnalyzeSettings>("analyze", "Analyse the EMG channels of a C3D file (profile ghostly-v1): metrics and contractions.", c => new(c)),
        CliVerb.Of<BenchCommand>("bench", "Time reading and analysing C3D files in-process (median of repeated runs)."),
        CliVerb.Of<DemoCommand>("demo", "Make synthetic recordings, ingest them into ./data and show the results."),
        CliVerb.Of<ExportCommand>("export", "Export one session's files, or the cohort table (CSV or Parquet)."),
        CliVerb.Of<IngestCommand>("ingest", "Ingest local C3D files or folders through both phases and summarise the results."),
        CliVerb.Of<InputsCommand>("inputs", "Enter a session's RPE, game points and BFR pressure; prints the new score."),
        CliVerb.Fast<InspectCommand, InspectSettings>("inspect", "Show what a C3D file holds (rates, channels, points, parameters, events).", c => new(c)),
        CliVerb.Of<MigrateCommand>("migrate", "Apply the database migrations (or list them with --status)."),
        CliVerb.Of<ProgressCommand>("progress", "A patient's sessions and scores, adherence, trends and alerts (table or --json)."),
        CliVerb.Of<ScoresCommand>("scores", "GHOSTLY+ scores of a stored session, or of a file and/or given inputs with --calc."),
        CliVerb.Of<ServeCommand>("serve", "Run the HTTP API, the webhook, the workers and the reconciler."),
        CliVerb.Of<SessionsCommand>("sessions", "List sessions or show one (table or --json)."),
        CliVerb.Of<SyncCommand>("sync", "Run one reconciliation pass: ingest bucket objects that have no session, requeue orphans."),
        CliVerb.Of<UsersCommand>("users", "Add, list, disable users and reset their passwords (creating the first user switches sign-in on)."),
        CliVerb.Of<PatientsCommand>("patients", "List and add patients, assign them to a therapist."),
        CliVerb.Of<WorkerCommand>("worker", "Run Phase 2 workers only (scale-out on a shared database)."),
    ];

    /// <summary>The verb named <paramref name="name"/>, or null.</summary>
    public static CliVerb? Find(string name)
    {
        foreach (var verb in All)
        {
            if (string.Equals(verb.Name, name, StringComparison.Ordinal))
            {
                return verb;
            }
        }

        return null;
    }
}

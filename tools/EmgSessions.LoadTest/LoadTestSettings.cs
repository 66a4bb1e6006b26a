using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.LoadTesting;

/// <summary>The options of the load test. Numbers stay text: <see cref="LoadTestCommand"/> reads them with their ranges.</summary>
internal sealed class LoadTestSettings : CommandSettings
{
    [CommandOption("--recordings <N>")]
    [Description("distinct synthetic recordings (default 200; 1-3 MB each)")]
    public string? Recordings { get; set; }

    [CommandOption("--rate <R>")]
    [Description("webhook deliveries per second (default 100)")]
    public string? Rate { get; set; }

    [CommandOption("--duplicates <F>")]
    [Description("extra deliveries of earlier events, fraction of N (default 0.1)")]
    public string? Duplicates { get; set; }

    [CommandOption("--workers <LIST>")]
    [Description("worker slots per serve process; a list runs a series (default: processor count); 0 = Phase 1 only")]
    public string? Workers { get; set; }

    [CommandOption("--postgres <CONN>")]
    [Description("also run on this PostgreSQL server (Npgsql keywords) with --processes processes")]
    public string? Postgres { get; set; }

    [CommandOption("--processes <N>")]
    [Description("serve processes in the PostgreSQL runs (default 2)")]
    public string? Processes { get; set; }

    [CommandOption("--no-sqlite")]
    [Description("only the PostgreSQL runs")]
    public bool NoSqlite { get; set; }

    [CommandOption("--min-mb <X>")]
    [Description("smallest recording in MB (default 1)")]
    public string? MinMb { get; set; }

    [CommandOption("--max-mb <Y>")]
    [Description("largest recording in MB (default 3)")]
    public string? MaxMb { get; set; }

    [CommandOption("--seed <S>")]
    [Description("seed of the recordings and of the delivery schedule (default 1)")]
    public string? Seed { get; set; }

    [CommandOption("--warmup <N>")]
    [Description("warm-up deliveries per process before measuring, creating no session (default 20)")]
    public string? WarmUp { get; set; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("longest wait for the sessions to settle, per run (default 300)")]
    public string? Timeout { get; set; }

    [CommandOption("--env <KEY=VALUE>")]
    [Description("environment variable for the serve children (repeatable), e.g. DOTNET_GCConserveMemory=5")]
    public string[] Environment { get; set; } = [];

    [CommandOption("--json")]
    [Description("print the JSON report instead of the summary; --out FILE writes it to FILE as well")]
    public bool Json { get; set; }

    [CommandOption("--out <FILE>")]
    [Description("write the JSON report to FILE")]
    public string? Out { get; set; }

    [CommandOption("--emgs <DLL>")]
    [Description("the emgs.dll to start as serve children (default: the one built beside this tool)")]
    public string? Emgs { get; set; }

    [CommandOption("--keep")]
    [Description("keep the temporary folder (serve logs, SQLite database, recordings)")]
    public bool Keep { get; set; }
}

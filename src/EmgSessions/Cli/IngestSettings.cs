using System.ComponentModel;
using Spectre.Console.Cli;

namespace EmgSessions.Cli;

/// <summary>
/// The arguments of <c>emgs ingest</c>. Files keep their name as object key; files in a folder keep their path relative
/// to it (e.g. P005/session1/x.c3d). Exit code 1 when any file did not end completed.
/// </summary>
internal sealed class IngestSettings : ProcessingSettings
{
    [CommandArgument(0, "[FILE|FOLDER]")]
    [Description(".c3d files, or folders searched for them")]
    public string[] Paths { get; set; } = [];

    [CommandOption("--prefix <KEY/PREFIX>")]
    [Description("put the keys under the prefix (e.g. P005/session1)")]
    public string? Prefix { get; set; }

    [CommandOption("--bucket <NAME>")]
    [Description("bucket to store into (default: the first accepted webhook bucket, c3d-examples)")]
    public string? Bucket { get; set; }

    [CommandOption("--json")]
    [Description("print the results as JSON instead of a table")]
    public bool Json { get; set; }

    [CommandOption("--verbose")]
    [Description("log what the phases do")]
    public bool Verbose { get; set; }
}

using System.Globalization;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Storage;
using EmgSessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs ingest FILES|FOLDERS</c>: copies local C3D files into the configured storage under their
/// relative keys and runs them through Phase 1 and Phase 2 like uploads, then prints a summary table.
/// </summary>
internal sealed class IngestCommand : ICliCommand
{
    public string Name => "ingest";

    public string Summary => "Ingest local C3D files or folders through both phases and summarise the results.";

    public string Usage =>
        "Usage: emgs ingest FILE|FOLDER... [--prefix KEY/PREFIX] [--bucket NAME] [--workers N] [--json] [--database SPEC] [--storage SPEC]\n" +
        "  Files keep their name as object key; files in a folder keep their path relative to it (e.g. P005/session1/x.c3d).\n" +
        "  --prefix P        put the keys under P (e.g. P005/session1)\n" +
        "  --bucket NAME     bucket to store into (default: the first accepted webhook bucket, c3d-examples)\n" +
        "  --workers N       Phase 2 slots (default: processor count)\n" +
        "  --json            print the results as JSON instead of a table\n" +
        CommandHost.StoreUsage + "\n" +
        "  Exit code 1 when any file did not end completed.";

    public IReadOnlyCollection<string> Flags { get; } = ["json", "verbose"];

    public IReadOnlyCollection<string> ValueOptions { get; } = ["prefix", "bucket", "workers", .. CommandHost.StoreFlags];

    public Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync(Name, console, async () =>
        {
            if (arguments.Positionals.Count == 0)
            {
                throw new CliUsageException("Give at least one .c3d file or folder.");
            }

            if (arguments.Value("prefix") is { Length: > 0 } prefix && ObjectKey.Validate(prefix.Replace('\\', '/').Trim('/')) is { } badPrefix)
            {
                throw new CliUsageException($"--prefix '{prefix}' cannot be a key prefix: {badPrefix}; give folders such as P005/session1.");
            }

            if (arguments.Value("bucket") is { } bucket && ObjectKey.ValidateBucket(bucket) is { } badBucket)
            {
                throw new CliUsageException($"--bucket '{bucket}' cannot be a bucket name: {badBucket}; give one name such as c3d-examples.");
            }

            var items = CollectItems(arguments.Positionals, arguments.Value("prefix"));
            if (items.Count == 0)
            {
                await console.Error.WriteLineAsync("emgs ingest: no .c3d files found.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            var results = await IngestRun.ExecuteAsync(
                EmgsConfiguration.Build(arguments, overrides: CommandHost.DataDirectoryOverrides(arguments)), items, arguments.Value("bucket"), console,
                arguments.Flag("verbose") ? LogLevel.Information : LogLevel.Warning, cancellationToken).ConfigureAwait(false);
            if (arguments.Flag("json"))
            {
                await IngestRun.WriteJsonAsync(results, console).ConfigureAwait(false);
            }
            else
            {
                IngestRun.WriteTable(results, console);
            }

            return results.Any(r => r.Failed) ? CliApplication.Failure : CliApplication.Success;
        });

    /// <summary>The files named on the command line, with their object keys.</summary>
    /// <exception cref="CliUsageException">A path does not exist.</exception>
    public static IReadOnlyList<IngestItem> CollectItems(IReadOnlyList<string> paths, string? prefix)
    {
        var normalizedPrefix = string.IsNullOrWhiteSpace(prefix) ? string.Empty : prefix.Replace('\\', '/').Trim('/') + "/";
        var items = new List<IngestItem>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                items.Add(Item(path, normalizedPrefix + Path.GetFileName(path)));
            }
            else if (Directory.Exists(path))
            {
                var root = Path.GetFullPath(path);
                foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".c3d", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal))
                {
                    items.Add(Item(file, normalizedPrefix + Path.GetRelativePath(root, file).Replace('\\', '/')));
                }
            }
            else
            {
                throw new CliUsageException($"'{path}' is neither a file nor a folder.");
            }
        }

        return items;
    }

    private static IngestItem Item(string file, string key) =>
        new(Path.GetFileName(file), key, _ => Task.FromResult<Stream>(File.OpenRead(file)));
}

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
internal sealed class IngestCommand(CliConsole console) : CliCommand<IngestSettings>(console)
{
    protected override Task<int> RunAsync(IngestSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("ingest", console, async () =>
        {
            if (settings.Paths.Length == 0)
            {
                throw new CliUsageException("Give at least one .c3d file or folder.");
            }

            if (settings.Prefix is { Length: > 0 } prefix && ObjectKey.Validate(prefix.Replace('\\', '/').Trim('/')) is { } badPrefix)
            {
                throw new CliUsageException($"--prefix '{prefix}' cannot be a key prefix: {badPrefix}; give folders such as P005/session1.");
            }

            if (settings.Bucket is { } bucket && ObjectKey.ValidateBucket(bucket) is { } badBucket)
            {
                throw new CliUsageException($"--bucket '{bucket}' cannot be a bucket name: {badBucket}; give one name such as c3d-examples.");
            }

            var items = CollectItems(settings.Paths, settings.Prefix);
            if (items.Count == 0)
            {
                await console.Error.WriteLineAsync("emgs ingest: no .c3d files found.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            var results = await IngestRun.ExecuteAsync(
                settings.Configuration(), items, settings.Bucket, console,
                settings.Verbose ? LogLevel.Information : LogLevel.Warning, cancellationToken).ConfigureAwait(false);
            if (settings.Json)
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

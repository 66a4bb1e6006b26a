using System.Globalization;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs demo</c>: writes synthetic GHOSTLY recordings with our C3D writer, ingests them through both
/// phases into the embedded default (SQLite and a storage folder under <c>./data</c>, or <c>--data-dir</c>)
/// and prints what the analysis found next to what was placed in the signals. Zero set-up.
/// </summary>
internal sealed class DemoCommand(CliConsole console) : CliCommand<DemoSettings>(console)
{
    protected override Task<int> RunAsync(DemoSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("demo", console, async () =>
        {
            var count = CliNumber.Int("--count", settings.Count, 6, 1, 200);
            var seed = CliNumber.Int("--seed", settings.Seed, 1, 0, int.MaxValue);
            var dataDir = Path.GetFullPath(settings.DataDirectory ?? "./data");

            var recordings = Enumerable.Range(0, count).Select(i => Make(seed + i, i)).ToList();
            var items = recordings.Select(r => new IngestItem(Path.GetFileName(r.Key), r.Key, _ => Task.FromResult<Stream>(new MemoryStream(r.Recording.Bytes, writable: false)))).ToList();
            var results = await IngestRun.ExecuteAsync(
                settings.Configuration(dataDir, new Dictionary<string, string?> { ["Workers:Bucket"] = "c3d-examples" }), items, "c3d-examples", console,
                settings.Verbose ? LogLevel.Information : LogLevel.Warning, cancellationToken).ConfigureAwait(false);

            var table = new Table().Border(TableBorder.Rounded).AddColumns("File", "Status", "Contractions found (placed)", "RMS");
            foreach (var (result, made) in results.Zip(recordings))
            {
                var summary = AnalyticsSummary.From(result.Session?.AnalyticsCacheJson);
                var contractions = summary.Count == 0
                    ? "-"
                    : string.Join(", ", summary.Select(c => string.Create(CultureInfo.InvariantCulture,
                        $"{c.Channel} {c.ContractionCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} ({made.Recording.Contractions.Count(p => p.Channel.StartsWith(c.Channel + " ", StringComparison.Ordinal) || p.Channel == c.Channel)})")));
                table.AddRow(
                    Markup.Escape(result.Item.Key),
                    result.Failed ? $"[red]{Markup.Escape(result.Status)}[/]" : $"[green]{result.Status}[/]",
                    Markup.Escape(contractions),
                    Markup.Escape(AnalyticsSummary.RmsValues(summary)));
            }

            var ansi = CliRendering.For(console);
            ansi.Write(table);
            var failed = results.Count(r => r.Failed);
            ansi.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{results.Count} recordings: {results.Count - failed} completed, {failed} not completed. Data in {dataDir}; see them with 'emgs sessions list --data-dir {dataDir}'."));
            return failed == 0 ? CliApplication.Success : CliApplication.Failure;
        });

    private static (string Key, SyntheticGhostlyRecording Recording) Make(int seed, int index)
    {
        var start = new DateTime(2024, 1, 8, 9, 0, 0, DateTimeKind.Unspecified).AddDays(index).AddMinutes(17 * index);
        var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions
        {
            Seed = (ulong)seed,
            DurationSeconds = 30 + (index % 4) * 10,
            ContractionsPerChannel = 4 + (index % 5),
            StartTime = start,
            GameScore = 10 + index,
        });
        var patient = string.Create(CultureInfo.InvariantCulture, $"P{900 + (index % 3):000}");
        var key = string.Create(CultureInfo.InvariantCulture, $"{patient}/demo{index + 1}/Ghostly_Emg_{start:yyyyMMdd_HH-mm-ss}-{seed % 10000:0000}.c3d");
        return (key, recording);
    }
}

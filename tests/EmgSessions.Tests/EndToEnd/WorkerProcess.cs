using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>A real <c>emgs worker</c> process (the built emgs.dll beside the tests), its output captured line by line.</summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private WorkerProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> Lines => _lines;

    public bool HasExited => _process.HasExited;

    /// <param name="holdFile">Workers:HoldWhileFileExists: a claimed job waits while this file exists (the test makes the timing).</param>
    /// <param name="environment">Further settings as environment variables (<c>EMGS_Section__Key</c>).</param>
    public static WorkerProcess Start(
        string databaseSpec, string storageRoot, string spool, int slots, double leaseSeconds, double pollSeconds = 0.2, string? holdFile = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "emgs.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = storageRoot,
        };
        foreach (var argument in new[] { dll, "worker", "--database", databaseSpec, "--storage", "local:" + storageRoot, "--workers", slots.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("EMGS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["EMGS_Ingestion__SpoolDirectory"] = spool;
        start.Environment["EMGS_Workers__LeaseSeconds"] = leaseSeconds.ToString(CultureInfo.InvariantCulture);
        start.Environment["EMGS_Workers__PollIntervalSeconds"] = pollSeconds.ToString(CultureInfo.InvariantCulture);
        start.Environment["EMGS_Workers__RetryBaseDelaySeconds"] = "0";
        start.Environment["EMGS_Workers__RetryMaxDelaySeconds"] = "0";
        if (holdFile is not null)
        {
            start.Environment["EMGS_Workers__HoldWhileFileExists"] = holdFile;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for a line matching <paramref name="predicate"/> (already seen or new).</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _process.HasExited && !_lines.Any(predicate))
            {
                throw new TimeoutException($"No such line from the worker (exited: {_process.HasExited}). Output:\n{string.Join('\n', _lines)}");
            }

            await _newLine.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Session ids of the log lines "Claimed session {id}".</summary>
    public IReadOnlyList<Guid> Claimed() => Ids(ClaimedPattern());

    /// <summary>Session ids of the log lines "Completed session {id}".</summary>
    public IReadOnlyList<Guid> Completed() => Ids(CompletedPattern());

    /// <summary>SIGKILL: no shutdown code runs, the lease is left behind.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as a service manager stops it: running jobs are given back.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a loaded machine: shutdown gives running jobs back first
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _newLine.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            _newLine.Release();
        }
    }

    private List<Guid> Ids(Regex pattern) =>
        [.. _lines.Select(l => pattern.Match(l)).Where(m => m.Success).Select(m => Guid.Parse(m.Groups[1].Value))];

    [GeneratedRegex(@"Claimed session ([0-9a-f-]{36}) ")]
    private static partial Regex ClaimedPattern();

    [GeneratedRegex(@"Completed session ([0-9a-f-]{36}) ")]
    private static partial Regex CompletedPattern();
}

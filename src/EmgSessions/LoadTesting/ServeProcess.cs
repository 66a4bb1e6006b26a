using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace EmgSessions.LoadTesting;

/// <summary>
/// One <c>dotnet emgs.dll serve</c> child on a free loopback port, in its own working folder (spool, logs),
/// with the reconciler off so that only webhooks create sessions. Its log is kept in a file and read for
/// the worker events (claimed, completed, failed) of every session.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly ConcurrentDictionary<Guid, int> _completed = new();
    private readonly ConcurrentDictionary<Guid, int> _claimed = new();
    private readonly ConcurrentDictionary<Guid, int> _failed = new();
    private readonly Lock _logLock = new();
    private ProcessSample? _lastSample;

    private ServeProcess(Process process, StreamWriter log, Uri baseAddress, string name, string logPath)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        Name = name;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public IReadOnlyDictionary<Guid, int> Completed => _completed;

    public IReadOnlyDictionary<Guid, int> Claimed => _claimed;

    public IReadOnlyDictionary<Guid, int> Failed => _failed;

    /// <summary>The latest sample while running, the last one taken after it exited.</summary>
    public ProcessSample? Sample() => _process.HasExited ? _lastSample : _lastSample = ProcessSample.Read(_process.Id) ?? _lastSample;

    /// <summary>Starts the process and waits until <c>/health</c> answers.</summary>
    public static async Task<ServeProcess> StartAsync(
        string name, string emgsDll, string workDirectory, string database, string storage, int workers,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo(DotnetHost(), [emgsDll, "serve", "--urls", baseAddress.ToString().TrimEnd('/'), "--database", database, "--storage", storage, "--workers", workers.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // The child must not inherit credentials or settings meant for another server.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("EMGS_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(key);
        }

        start.Environment["EMGS_Server__Reconciler"] = "false";
        start.Environment["EMGS_Ingestion__SpoolDirectory"] = Path.Combine(workDirectory, "spool");
        start.Environment["EMGS_Logging__LogLevel__Default"] = "Information";
        start.Environment["EMGS_Logging__LogLevel__Microsoft"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var logPath = Path.Combine(workDirectory, name + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = false };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var serve = new ServeProcess(process, log, baseAddress, name, logPath);
        process.ErrorDataReceived += (_, e) => serve.OnLine(e.Data);
        process.OutputDataReceived += (_, e) => serve.OnLine(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {start.FileName} {emgsDll}.");
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await serve.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return serve;
    }

    /// <summary>Sends SIGKILL (used by the fault tests).</summary>
    public void Kill()
    {
        _lastSample = ProcessSample.Read(_process.Id) ?? _lastSample;
        _process.Kill(entireProcessTree: true);
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        lock (_logLock)
        {
            _log.Flush();
            _log.Dispose();
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before answering; see {LogPath}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} did not answer /health within {timeout.TotalSeconds} s; see {LogPath}.");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
        }

        var match = WorkerEvent().Match(line);
        if (match.Success && Guid.TryParse(match.Groups["id"].Value, out var id))
        {
            var counts = match.Groups["what"].Value switch
            {
                "Completed" => _completed,
                "Claimed" => _claimed,
                _ => _failed,
            };
            counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host running us (when started as <c>dotnet emgs.dll</c>), else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost()
    {
        var path = Environment.ProcessPath;
        return path is not null && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? path : "dotnet";
    }

    /// <summary>The Phase 2 log events of ProcessingLog (2001 claimed, 2002 completed, 2003 failed permanently).</summary>
    [GeneratedRegex(@"(?<what>Claimed|Completed) session (?<id>[0-9a-f\-]{36})|Session (?<id>[0-9a-f\-]{36}) failed permanently", RegexOptions.CultureInvariant)]
    private static partial Regex WorkerEvent();
}

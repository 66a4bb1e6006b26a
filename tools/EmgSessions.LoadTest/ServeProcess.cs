using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace EmgSessions.LoadTesting;

/// <summary>
/// One <c>dotnet emgs.dll serve</c> (or <c>worker</c>) child on a free loopback port, in its own working folder (spool, logs),
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
    private readonly List<string> _lines = [];
    private readonly ConcurrentQueue<double> _phase1Ms = new();
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

    /// <summary>Phase 1 times the server logged (event 5100), milliseconds: spool + hash + database, without HTTP queueing.</summary>
    public IReadOnlyCollection<double> Phase1Ms => _phase1Ms;

    /// <summary>The latest sample while running, the last one taken after it exited.</summary>
    public ProcessSample? Sample() => _process.HasExited ? _lastSample : _lastSample = ProcessSample.Read(_process.Id) ?? _lastSample;

    /// <summary>Starts <c>emgs serve</c> and waits until <c>/health</c> answers.</summary>
    public static Task<ServeProcess> StartAsync(
        string name, string emgsDll, string workDirectory, string database, string storage, int workers,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        StartAsync("serve", name, emgsDll, workDirectory, database, storage, workers, environment, cancellationToken);

    /// <summary>Starts <c>emgs worker</c> (no HTTP) and waits until its workers have started.</summary>
    public static Task<ServeProcess> StartWorkerAsync(
        string name, string emgsDll, string workDirectory, string database, string storage, int workers,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        StartAsync("worker", name, emgsDll, workDirectory, database, storage, workers, environment, cancellationToken);

    private static async Task<ServeProcess> StartAsync(
        string verb, string name, string emgsDll, string workDirectory, string database, string storage, int workers,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        List<string> arguments = [emgsDll, verb, "--database", database, "--storage", storage, "--workers", workers.ToString(CultureInfo.InvariantCulture)];
        if (verb == "serve")
        {
            arguments.AddRange(["--urls", baseAddress.ToString().TrimEnd('/')]);
        }

        var start = new ProcessStartInfo(DotnetHost(), arguments)
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
        if (verb == "serve")
        {
            await serve.WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await serve.WaitForLogAsync("Workers started", TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }

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

    /// <summary>Every line the process wrote so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_logLock)
        {
            return [.. _lines];
        }
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears; throws when the process exits or the time passes.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!Lines().Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before logging '{text}'; see {LogPath}.");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not log '{text}' within {timeout.TotalSeconds} s; see {LogPath}.");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
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
            _lines.Add(line);
        }

        var phase1 = Phase1Event().Match(line);
        if (phase1.Success && double.TryParse(phase1.Groups["ms"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            _phase1Ms.Enqueue(ms);
            return;
        }

        var match = WorkerEvent().Match(line);
        if (match.Success && Guid.TryParse(match.Groups["id"].Value, out var id))
        {
            var counts = match.Groups["what"].Value switch
            {
                "Completed" => _completed,
                "Claimed" or "Holding" => _claimed, // a held job (Workers:HoldWhileFileExists) was claimed
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
    [GeneratedRegex(@"(?<what>Claimed|Completed|Holding) session (?<id>[0-9a-f\-]{36})|Session (?<id>[0-9a-f\-]{36}) failed permanently", RegexOptions.CultureInvariant)]
    private static partial Regex WorkerEvent();

    /// <summary>IngestionLog.Registered: "Phase 1 bucket/key: session ID Outcome (N bytes, T ms)".</summary>
    [GeneratedRegex(@"Phase 1 .*: session [0-9a-f\-]{36} \w+ \([0-9]+ bytes, (?<ms>[0-9.]+) ms\)", RegexOptions.CultureInvariant)]
    private static partial Regex Phase1Event();
}

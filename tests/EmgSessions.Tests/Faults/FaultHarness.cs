using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using EmgSessions.LoadTesting;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// What every fault test needs: a temp folder, a corpus of synthetic recordings in a local storage root,
/// the built <c>emgs.dll</c> to start as real processes with short leases and retries, webhook calls, and
/// the final check that each file became exactly one completed session with technical data and analytics.
/// </summary>
internal sealed class FaultHarness : IAsyncDisposable
{
    private readonly List<ServeProcess> _processes = [];
    private int _names;

    public FaultHarness(int recordings, int seed, double minMb = 0.3, double maxMb = 0.8)
    {
        Root = Directory.CreateTempSubdirectory("emgs-faults-").FullName;
        Corpus = RecordingCorpus.Create(Path.Combine(Root, "storage"), recordings, (long)(minMb * 1e6), (long)(maxMb * 1e6), seed);
        Client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Root { get; }

    public RecordingCorpus Corpus { get; }

    public HttpClient Client { get; }

    public static string EmgsDll => Path.Combine(AppContext.BaseDirectory, "emgs.dll");

    public string LocalStorage => "local:" + Corpus.StorageRoot;

    public string SqliteDatabase => "sqlite:" + Path.Combine(Root, "emgs.db");

    /// <summary>Short leases, quick polls and retries so that faults resolve within seconds.</summary>
    public static Dictionary<string, string> FastRecovery(string? spool = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["EMGS_Workers__LeaseSeconds"] = "3",
            ["EMGS_Workers__PollIntervalSeconds"] = "0.5",
            ["EMGS_Workers__RetryBaseDelaySeconds"] = "0.5",
            ["EMGS_Workers__RetryMaxDelaySeconds"] = "2",
            ["EMGS_Workers__MaxAttempts"] = "50",
        };
        if (spool is not null)
        {
            environment["EMGS_Ingestion__SpoolDirectory"] = spool;
        }

        return environment;
    }

    public async Task<ServeProcess> ServeAsync(string database, string storage, int workers, Dictionary<string, string>? environment = null)
    {
        var name = $"serve{++_names}";
        var process = await ServeProcess.StartAsync(name, EmgsDll, Path.Combine(Root, name), database, storage, workers, environment ?? FastRecovery(), CancellationToken.None);
        _processes.Add(process);
        return process;
    }

    public async Task<ServeProcess> WorkerAsync(string database, string storage, int workers, Dictionary<string, string>? environment = null)
    {
        var name = $"worker{++_names}";
        var process = await ServeProcess.StartWorkerAsync(name, EmgsDll, Path.Combine(Root, name), database, storage, workers, environment ?? FastRecovery(), CancellationToken.None);
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs a one-shot verb (e.g. <c>sync</c>) as a child process; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, Dictionary<string, string>? environment = null)
    {
        var work = Path.Combine(Root, $"run{++_names}");
        Directory.CreateDirectory(work);
        var start = new ProcessStartInfo("dotnet", [EmgsDll, .. arguments])
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("EMGS_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? FastRecovery())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>POSTs the Supabase INSERT webhook of corpus file <paramref name="index"/>.</summary>
    public async Task<WebhookReply> DeliverAsync(ServeProcess server, int index)
    {
        using var content = new ByteArrayContent(WebhookFirer.Body(Corpus.Files[index]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync(new Uri(server.BaseAddress, "webhooks/storage/c3d-upload"), content);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        Guid? id = json.RootElement.TryGetProperty("processing_id", out var p) && p.TryGetGuid(out var g) ? g : null;
        var message = json.RootElement.TryGetProperty("message", out var m) ? m.GetString()
            : json.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return new WebhookReply((int)response.StatusCode, id, message, response.Headers.RetryAfter?.Delta);
    }

    /// <summary>Polls until no session is pending, processing or reprocessing and at least <paramref name="expected"/> exist.</summary>
    public async Task<IReadOnlyList<SessionRow>> WaitSettledAsync(ServeProcess server, int expected, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        IReadOnlyList<SessionRow> sessions = [];
        while (watch.Elapsed < timeout)
        {
            sessions = await SessionsAsync(server);
            if (sessions.Count >= expected && sessions.All(s => s.Status is "completed" or "failed"))
            {
                return sessions;
            }

            await Task.Delay(250);
        }

        return sessions;
    }

    public async Task<IReadOnlyList<SessionRow>> SessionsAsync(ServeProcess server)
    {
        using var response = await Client.GetAsync(new Uri(server.BaseAddress, "api/sessions?limit=500"));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(SessionRow.From)];
    }

    /// <summary>
    /// The promise of the campaign: every corpus file is exactly one session, completed, with technical
    /// data and analytics; none is stuck; no file was analysed to completion twice.
    /// </summary>
    public async Task AssertEverySessionSettledOnceAsync(ServeProcess server, IReadOnlyList<SessionRow> sessions)
    {
        var summary = string.Join("\n", sessions.Where(s => s.Status != "completed").Select(s => $"{s.FilePath}: {s.Status} {s.Error}"));
        Assert.True(sessions.All(s => s.Status == "completed"), "Not completed:\n" + summary + "\nlogs: " + string.Join(", ", _processes.Select(p => p.LogPath)));
        Assert.Equal(Corpus.Files.Select(f => f.Key).Order(StringComparer.Ordinal), sessions.Select(s => s.FilePath).Order(StringComparer.Ordinal));
        foreach (var session in sessions)
        {
            using var response = await Client.GetAsync(new Uri(server.BaseAddress, $"api/sessions/{session.Id}"));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var technical = json.RootElement.GetProperty("technical_data");
            Assert.Equal(JsonValueKind.Object, technical.ValueKind);
            Assert.Equal(990, technical.GetProperty("sampling_rate").GetDouble(), 1e-9);
            Assert.Equal(4, technical.GetProperty("channel_count").GetInt32());
            Assert.True(json.RootElement.GetProperty("has_analytics").GetBoolean(), session.FilePath);
        }

        var completions = _processes.SelectMany(p => p.Completed).GroupBy(kv => kv.Key).Select(g => (g.Key, Count: g.Sum(kv => kv.Value)));
        Assert.All(completions, c => Assert.True(c.Count <= 1, $"session {c.Key} completed {c.Count} times"));
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        Client.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EmgSessions.Analysis.Signals;
using EmgSessions.Core.Database;
using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Signals;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Benchmarks;

/// <summary>
/// The server side of one signal request on the 175 s recording 0881, warm (dashboard.md §3: p95 &lt; 10 ms, payload
/// &lt; 50 KB for two channels): the session read from a real SQLite store, the summaries looked up in
/// <see cref="SignalSummaryStore"/> (held in memory after the first request), the query parsed, a window of at most
/// 2,400 points taken and written as JSON or Float32, as <c>SignalEndpoints</c> does (the access check's own session
/// read and Kestrel's cost come on top). The setup prints the payload of CH1 + CH2.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class SignalWindowBenchmarks
{
    private const string Key = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";

    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private string _root = "";
    private ISessionStore _store = null!;
    private SignalSummaryStore _summaries = null!;
    private Guid _sessionId;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("emgs-bench-signals-").FullName;
        var bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
        var storage = new LocalFolderStorage(Path.Combine(_root, "storage"));
        var workers = new WorkerOptions();
        storage.PutAsync(workers.Bucket, Key, new MemoryStream(bytes), CancellationToken.None).GetAwaiter().GetResult();
        _store = SessionStoreFactory.Create($"sqlite:{Path.Combine(_root, "emgs.db")}", NullLoggerFactory.Instance);
        _store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        _sessionId = _store.RegisterUploadAsync(new NewSession(Key, hash, bytes.Length, Path.GetFileName(Key), "P005", "session1", null, "{}"), CancellationToken.None)
            .GetAwaiter().GetResult().SessionId;
        _summaries = new SignalSummaryStore(storage, new FileSpool(Path.Combine(_root, "spool")), Options.Create(workers), NullLogger<SignalSummaryStore>.Instance);

        // Cold: built from the file and stored; every measured request after it is warm.
        var json = WindowJson("CH1", "raw", null, null, "2400").GetAwaiter().GetResult() + WindowJson("CH2", "raw", null, null, "2400").GetAwaiter().GetResult();
        var f32 = WindowFloat32("CH1", null, null, "2400").GetAwaiter().GetResult() + WindowFloat32("CH2", null, null, "2400").GetAwaiter().GetResult();
        Console.WriteLine($"// payload of CH1 + CH2, whole recording, 2,400 points: {json} bytes as JSON, {f32} bytes as Float32");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark(Description = "one request: whole recording, 2,400 points, raw, JSON")]
    public Task<int> WholeJson() => WindowJson("CH1", "raw", null, null, "2400");

    [Benchmark(Description = "one request: 20.5 s zoom, 2,400 points, envelope, JSON")]
    public Task<int> ZoomEnvelopeJson() => WindowJson("CH2", "envelope", "60.25", "80.75", "2400");

    [Benchmark(Description = "one request: whole recording, 2,400 points, raw, Float32")]
    public Task<int> WholeFloat32() => WindowFloat32("CH1", null, null, "2400");

    private async Task<int> WindowJson(string channel, string kind, string? fromS, string? toS, string points)
    {
        var window = await WindowAsync(channel, kind, fromS, toS, points).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            window.WriteJson(writer);
        }

        return _buffer.WrittenCount;
    }

    private async Task<int> WindowFloat32(string channel, string? fromS, string? toS, string points) =>
        (await WindowAsync(channel, SignalKinds.Raw, fromS, toS, points).ConfigureAwait(false)).ToFloat32Bytes().Length;

    private async Task<SignalWindow> WindowAsync(string channel, string kind, string? fromS, string? toS, string points)
    {
        var session = await _store.GetSessionAsync(_sessionId, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The benchmark's session is gone.");
        var signals = await _summaries.GetAsync(session, CancellationToken.None).ConfigureAwait(false);
        var pyramid = signals.Find(channel)?.Of(kind) ?? throw new InvalidOperationException($"No {kind} signal for {channel}.");
        return SignalWindowRequest.TryParse(fromS, toS, points, pyramid.Duration, out var request) is { } problem
            ? throw new InvalidOperationException(problem.Message)
            : pyramid.Window(request!);
    }
}

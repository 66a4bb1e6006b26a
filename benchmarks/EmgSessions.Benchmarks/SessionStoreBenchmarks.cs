using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EmgSessions.Benchmarks;

/// <summary>
/// Database cost of the two phases on each engine: a Phase 1 insert (<see cref="ISessionStore.RegisterUploadAsync"/>)
/// and a full Phase 2 write (claim + technical upsert + complete). PostgreSQL needs <c>EMGS_TEST_POSTGRES</c>.
/// </summary>
[MemoryDiagnoser]
public class SessionStoreBenchmarks
{
    private const string Analytics = """{"analytics":{"CH1":{"rms":1.5}},"processing_params":{"lowcut":20},"processing_version":"ghostly-v1"}""";

    private ISessionStore _store = null!;
    private string? _postgresDatabase;
    private string? _sqliteFolder;
    private long _counter;

    [Params("sqlite", "postgresql")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        string spec;
        if (Engine == "sqlite")
        {
            _sqliteFolder = Path.Combine(Path.GetTempPath(), "emgs-bench-" + Guid.NewGuid().ToString("N"));
            spec = $"sqlite:{_sqliteFolder}/emgs.db";
        }
        else
        {
            _postgresDatabase = TestPostgres.NewDatabaseName("emgs_bench");
            using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", admin);
            create.ExecuteNonQuery();
            spec = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Database = _postgresDatabase }.ConnectionString;
        }

        _store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        _store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }

        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "Phase 1 insert")]
    public Task<SessionRegistration> Phase1Insert() => _store.RegisterUploadAsync(NextUpload(), CancellationToken.None);

    [Benchmark(Description = "Phase 1 insert + Phase 2 write (claim + technical upsert + complete)")]
    public async Task<bool> Phase2Write()
    {
        // The insert that feeds the queue is timed too: Phase 2 alone = this row minus the Phase 1 row.
        await _store.RegisterUploadAsync(NextUpload(), CancellationToken.None);
        var job = await _store.ClaimJobAsync("bench", TimeSpan.FromMinutes(5), CancellationToken.None)
            ?? throw new InvalidOperationException("no job to claim");
        await _store.UpsertTechnicalDataAsync(new TechnicalData(job.SessionId, 1000, 10, 10000, 2, ["EMG1", "EMG2"], 1000, 10, 500), CancellationToken.None);
        return await _store.CompleteJobAsync(new SessionCompletion(job.SessionId, "bench", Analytics, 12.5, """{"game":"bench"}""", null, null), CancellationToken.None);
    }

    private NewSession NextUpload()
    {
        var n = Interlocked.Increment(ref _counter);
        var path = $"P001/s1/bench-{n}-{Guid.NewGuid():N}.c3d";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)));
        return new NewSession(path, hash, 123_456, Path.GetFileName(path), "P001", "s1", null, "{}");
    }
}

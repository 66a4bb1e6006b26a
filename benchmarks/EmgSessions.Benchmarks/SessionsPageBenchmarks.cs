using BenchmarkDotNet.Attributes;
using EmgSessions.Analysis;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Database;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Testing;
using EmgSessions.Web.Queries;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Benchmarks;

/// <summary>
/// The Sessions page's server work for one page of 25 rows over 10,000 sessions on SQLite (dashboard.md §3: under
/// 300 ms per page): <see cref="SessionTableQuery.LoadAsync"/> as the page calls it for an admin — the filtered count
/// and page through <see cref="SessionQueries"/> (access, patient lookups, the audit event), each row's analytics read
/// for the contraction counts and its stored overall score. The sessions carry the reference analysis of the 175 s
/// recording (about 15 KB each), technical data, a stored score, and 500 patients with 20 therapists.
/// <c>SessionsPageSeed</c> writes the same database for timing the rendered page over HTTP.
/// </summary>
[MemoryDiagnoser]
public class SessionsPageBenchmarks
{
    public const int Sessions = 10_000;

    private static readonly Actor Admin = Actor.Admin("bench@example.org");

    private string _folder = null!;
    private ISessionStore _store = null!;
    private IPeopleStore _people = null!;
    private SessionTableQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "emgs-bench-sessions-" + Guid.NewGuid().ToString("N"));
        var spec = $"sqlite:{_folder}/emgs.db";
        SessionsPageSeed.SeedAsync(spec, Sessions).GetAwaiter().GetResult();
        _store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        _people = PeopleStoreFactory.Create(DatabaseOptions.Parse(spec), NullLoggerFactory.Instance, TimeProvider.System);
        var cache = new AnalyticsCache(_store, new SessionAnalysis(AnalysisOptions.Default), Options.Create(new CacheOptions()));
        var queries = new SessionQueries(_store, cache, _people, _people, TimeProvider.System);
        _query = new SessionTableQuery(queries, new SessionCommands(_store, _people), ScoringStoreFactory.For(_store), _people);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _people.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "first page, newest recording first (the page's default)")]
    public Task<int> FirstPage() => RowsAsync(new SessionQuery(Limit: 25, Sort: SessionSort.Recorded));

    [Benchmark(Description = "page 201 (offset 5,000)")]
    public Task<int> MiddlePage() => RowsAsync(new SessionQuery(Limit: 25, Offset: 5_000, Sort: SessionSort.Recorded));

    [Benchmark(Description = "last page (offset 9,975)")]
    public Task<int> LastPage() => RowsAsync(new SessionQuery(Limit: 25, Offset: 9_975, Sort: SessionSort.Recorded));

    [Benchmark(Description = "sorted by upload time (the API's default), page 201")]
    public Task<int> SortedByUpload() => RowsAsync(new SessionQuery(Limit: 25, Offset: 5_000));

    [Benchmark(Description = "sorted by duration, page 41")]
    public Task<int> SortedByDuration() => RowsAsync(new SessionQuery(Limit: 25, Offset: 1_000, Sort: SessionSort.Duration));

    [Benchmark(Description = "text filter 'P123' (20 of 10,000)")]
    public Task<int> TextFilter() => RowsAsync(new SessionQuery(Limit: 25, Text: "P123", Sort: SessionSort.Recorded));

    [Benchmark(Description = "one therapist's patients, first page")]
    public Task<int> TherapistFilter() => RowsAsync(new SessionQuery(Limit: 25, TherapistId: SessionsPageSeed.TherapistId(7), Sort: SessionSort.Recorded));

    private async Task<int> RowsAsync(SessionQuery query)
    {
        var page = await _query.LoadAsync(Admin, query, CancellationToken.None);
        return page.Value?.Rows.Count ?? throw new InvalidOperationException(page.Detail);
    }
}

using System.Globalization;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Ingestion;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Options = Microsoft.Extensions.Options.Options;

namespace EmgSessions.Core.Tests.Application;

public sealed class SqliteSessionIdLookupTests(SqliteIngestionDatabase database)
    : SessionIdLookupTests(database), IClassFixture<SqliteIngestionDatabase>;

public sealed class PostgresSessionIdLookupTests(PostgresIngestionDatabase database)
    : SessionIdLookupTests(database), IClassFixture<PostgresIngestionDatabase>;

/// <summary>The light lookup of ids by their start (the store alone): what the scoring verbs resolve a typed id with.</summary>
public abstract class SessionIdLookupTests(IngestionDatabase database) : IDisposable
{
    private readonly string _code = "P" + Random.Shared.Next(1000, 9_999_999).ToString(CultureInfo.InvariantCulture);
    private readonly IngestionHarness _harness = new(database.Store);

    public void Dispose()
    {
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_start_of_an_id_finds_that_session_for_whoever_may_read_every_session()
    {
        var id = await RegisterAsync("found");
        var prefix = Prefix(id.ToString("D")[..13]);
        var lookup = new SessionIdLookup(database.Store);

        var local = await lookup.FindIdsAsync(Actor.LocalUser, prefix, 3, CancellationToken.None);
        var researcher = await lookup.FindIdsAsync(Actor.Researcher("r@uni.test"), prefix, 3, CancellationToken.None);

        Assert.Equal(AnswerKind.Ok, local.Kind);
        Assert.Contains(id, local.Value!);
        Assert.Equal(local.Value, researcher.Value);
    }

    [Fact]
    public async Task A_therapist_resolves_no_prefix_and_an_unknown_start_finds_nothing()
    {
        var id = await RegisterAsync("scoped");
        var lookup = new SessionIdLookup(database.Store);

        var therapist = await lookup.FindIdsAsync(Actor.Therapist("t@clinic.test", Guid.NewGuid()), Prefix(id.ToString("N")), 3, CancellationToken.None);
        var unknown = await lookup.FindIdsAsync(Actor.LocalUser, Prefix("ffffffff-ffff-ffff"), 3, CancellationToken.None);

        Assert.Equal(AnswerKind.Ok, therapist.Kind);
        Assert.Empty(therapist.Value!);
        Assert.Empty(unknown.Value!);
    }

    [Fact]
    public async Task The_session_queries_answer_the_same_ids_as_the_light_lookup()
    {
        var id = await RegisterAsync("same");
        var prefix = Prefix(id.ToString("N")[..12]);
        var cache = new AnalyticsCache(database.Store, new SessionAnalysis(EmgSessions.Analysis.AnalysisOptions.Default), Options.Create(new CacheOptions()));
        var queries = new SessionQueries(database.Store, cache, new UnassignedPatientDirectory(), new LoggingAuditSink(NullLoggerFactory.Instance), TimeProvider.System);

        var viaQueries = await queries.FindIdsAsync(Actor.Machine("ci"), prefix, 3, CancellationToken.None);
        var viaLookup = await new SessionIdLookup(database.Store).FindIdsAsync(Actor.Machine("ci"), prefix, 3, CancellationToken.None);

        Assert.Equal(viaLookup.Value, viaQueries.Value);
        Assert.Contains(id, viaQueries.Value!);
    }

    private static SessionIdPrefix Prefix(string text) => SessionIdPrefix.TryParse(text, out var problem) ?? throw new InvalidOperationException(problem);

    private async Task<Guid> RegisterAsync(string name)
    {
        var key = $"{_code}/session1/{name}.c3d";
        await _harness.PutBytesAsync(key, [.. File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409)), .. Guid.NewGuid().ToByteArray()]);
        var result = await _harness.Ingestor.RegisterObjectAsync(IngestionHarness.Bucket, key, CancellationToken.None);
        return result.SessionId!.Value;
    }
}

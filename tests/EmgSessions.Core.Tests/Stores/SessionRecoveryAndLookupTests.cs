using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Tests.Stores;

/// <summary>Taking back a crashed identity's leases, and finding a session by the start of its id; on both engines.</summary>
public abstract class SessionRecoveryAndLookupTests(TestDatabases databases)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(10);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Reclaiming_an_identitys_leases_makes_only_its_jobs_due_at_once()
    {
        // Given three jobs leased for ten minutes by identities .0, .1 and .10 of one folder.
        await using var store = await databases.NewStoreAsync();
        var ids = new List<Guid>();
        foreach (var (name, worker) in new[] { ("a", "emgs@host:0a1b2c3d.0/0"), ("b", "emgs@host:0a1b2c3d.1/0"), ("c", "emgs@host:0a1b2c3d.10/0") })
        {
            ids.Add((await store.RegisterUploadAsync(SessionStoreTests.Upload($"P1/{name}.c3d", name + Guid.NewGuid()), None)).SessionId);
            Assert.Equal(ids[^1], (await store.ClaimJobAsync(worker, LongLease, None))?.SessionId);
        }

        // When identity .1 takes back what its crashed predecessor held.
        var reclaimed = await store.ReclaimLeasesAsync("emgs@host:0a1b2c3d.1/", None);

        // Then its job, and only its, is due again at once, its attempt counted; the others stay leased.
        Assert.Equal(1, reclaimed);
        var again = await store.ClaimJobAsync("emgs@host:0a1b2c3d.1/0", LongLease, None);
        Assert.Equal(ids[1], again?.SessionId);
        Assert.Equal(2, again!.Attempts);
        Assert.Null(await store.ClaimJobAsync("someone-else/0", LongLease, None));
        Assert.Equal(0, await store.ReclaimLeasesAsync("emgs@host:0a1b2c3d.2/", None));
    }

    [Fact]
    public async Task A_unique_start_of_an_id_finds_its_session_and_a_shared_start_finds_every_match()
    {
        await using var store = await databases.NewStoreAsync();
        var first = (await store.RegisterUploadAsync(SessionStoreTests.Upload("P2/a.c3d", "a" + Guid.NewGuid()), None)).SessionId;
        var second = (await store.RegisterUploadAsync(SessionStoreTests.Upload("P2/b.c3d", "b" + Guid.NewGuid()), None)).SessionId;
        var firstHex = first.ToString("N");
        var secondHex = second.ToString("N");
        var shared = new string([.. firstHex.Zip(secondHex).TakeWhile(p => p.First == p.Second).Select(p => p.First)]);

        // Upper case and dashes as a user may paste them.
        var unique = SessionIdPrefix.TryParse(first.ToString().ToUpperInvariant()[..Math.Min(36, shared.Length + 6)], out _)!;
        Assert.Equal([first], await store.FindSessionIdsAsync(unique, 3, None));
        if (shared.Length >= SessionIdPrefix.MinLength)
        {
            Assert.Equal(new[] { first, second }.Order(), await store.FindSessionIdsAsync(SessionIdPrefix.TryParse(shared, out _)!, 3, None));
        }

        var nothing = SessionIdPrefix.TryParse(firstHex[0] == 'f' ? "0000" : "ffff", out _)!;
        Assert.Empty(await store.FindSessionIdsAsync(nothing, 3, None));
        Assert.Null(SessionIdPrefix.TryParse("01z3", out var problem));
        Assert.Contains("at least 4 of its hex digits", problem, StringComparison.Ordinal);
    }
}

public sealed class SqliteSessionRecoveryAndLookupTests(SqliteTestDatabases databases)
    : SessionRecoveryAndLookupTests(databases), IClassFixture<SqliteTestDatabases>;

public sealed class PostgresSessionRecoveryAndLookupTests(PostgresTestDatabases databases)
    : SessionRecoveryAndLookupTests(databases), IClassFixture<PostgresTestDatabases>;

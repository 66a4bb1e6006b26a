using System.Globalization;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Stores;

/// <summary>
/// The session list's order by upload time and by recording date, with ties and missing dates, and the indexes of
/// migrations 090 and 100 that serve those sorts; written once and run on both engines by the subclasses.
/// </summary>
public abstract class SessionListOrderTests(TestDatabases databases)
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected TestDatabases Databases { get; } = databases;

    /// <summary>The engine's plan for <paramref name="sql"/>, one line per step.</summary>
    protected abstract Task<string> PlanAsync(string spec, string sql);

    [Fact]
    public async Task The_upload_time_sort_orders_by_upload_time_then_id_in_both_directions_and_pages_without_gaps_or_repeats()
    {
        var (spec, store, sessions) = await SeedAsync();
        await using var _ = store;

        // Upload times with ties: three sessions share one instant, two share another.
        string[] created = ["2024-01-01T10:00:00.000Z", "2024-01-01T10:00:00.000Z", "2024-01-01T10:00:00.000Z", "2024-01-02T08:30:00.000Z",
            "2023-12-31T23:59:59.999Z", "2024-01-02T08:30:00.000Z", "2024-01-03T00:00:00.000Z", "2023-06-01T12:00:00.000Z", "2024-01-01T09:59:59.999Z"];
        for (var i = 0; i < sessions.Count; i++)
        {
            await Databases.ExecuteAsync(spec, $"UPDATE therapy_sessions SET created_at = '{created[i]}' WHERE id = '{Id(sessions[i])}'");
        }

        var newestFirst = sessions.Select((id, i) => (Id: id, Key: created[i]))
            .OrderByDescending(s => s.Key, StringComparer.Ordinal).ThenByDescending(s => Id(s.Id), StringComparer.Ordinal)
            .Select(s => s.Id).ToList();

        Assert.Equal(newestFirst, await IdsAsync(store, new SessionQuery(Limit: 1000)));
        Assert.Equal(Enumerable.Reverse(newestFirst), await IdsAsync(store, new SessionQuery(Limit: 1000, Ascending: true)));
        Assert.Equal(newestFirst, await PagedAsync(store, new SessionQuery(Limit: 2)));
        Assert.Equal(Enumerable.Reverse(newestFirst), await PagedAsync(store, new SessionQuery(Limit: 4, Ascending: true)));
        Assert.Equal(
            newestFirst.Where((_, i) => i is >= 2 and < 5),
            await IdsAsync(store, new SessionQuery(Limit: 3, Offset: 2)));
    }

    [Fact]
    public async Task The_recording_date_sort_orders_by_date_then_id_with_missing_dates_last_in_both_directions()
    {
        var (spec, store, sessions) = await SeedAsync();
        await using var _ = store;

        string?[] dates = ["2023-03-21T17:50:17.000Z", null, "2023-03-21T17:50:17.000Z", "2023-03-20T08:00:00.000Z", null,
            "2023-03-22T09:15:00.000Z", "2023-03-21T17:50:17.000Z", "2023-03-20T08:00:00.000Z", null];
        for (var i = 0; i < sessions.Count; i++)
        {
            var value = dates[i] is { } date ? $"'{date}'" : "NULL";
            await Databases.ExecuteAsync(spec, $"UPDATE therapy_sessions SET session_date = {value} WHERE id = '{Id(sessions[i])}'");
        }

        var dated = sessions.Select((id, i) => (Id: id, Key: dates[i])).Where(s => s.Key is not null).ToList();
        var undated = sessions.Select((id, i) => (Id: id, Key: dates[i])).Where(s => s.Key is null).ToList();
        var newestFirst = dated.OrderByDescending(s => s.Key, StringComparer.Ordinal).ThenByDescending(s => Id(s.Id), StringComparer.Ordinal)
            .Concat(undated.OrderByDescending(s => Id(s.Id), StringComparer.Ordinal)).Select(s => s.Id).ToList();
        var oldestFirst = dated.OrderBy(s => s.Key, StringComparer.Ordinal).ThenBy(s => Id(s.Id), StringComparer.Ordinal)
            .Concat(undated.OrderBy(s => Id(s.Id), StringComparer.Ordinal)).Select(s => s.Id).ToList();

        Assert.Equal(newestFirst, await IdsAsync(store, new SessionQuery(Limit: 1000, Sort: SessionSort.Recorded)));
        Assert.Equal(oldestFirst, await IdsAsync(store, new SessionQuery(Limit: 1000, Sort: SessionSort.Recorded, Ascending: true)));
        Assert.Equal(newestFirst, await PagedAsync(store, new SessionQuery(Limit: 2, Sort: SessionSort.Recorded)));
        Assert.Equal(oldestFirst, await PagedAsync(store, new SessionQuery(Limit: 4, Sort: SessionSort.Recorded, Ascending: true)));
    }

    [Fact]
    public async Task The_newest_first_pages_by_upload_time_and_by_recording_date_are_read_from_the_indexes_of_migration_090()
    {
        var spec = await Databases.NewMigratedDatabaseAsync();

        foreach (var (sort, index) in new[] { (SessionSort.Created, "idx_therapy_sessions_created_id"), (SessionSort.Recorded, "idx_therapy_sessions_session_date_id") })
        {
            var order = new SessionQuery(Sort: sort).OrderBy(column => column);
            var plan = await PlanAsync(spec, $"SELECT id FROM therapy_sessions_with_technical ORDER BY {order} LIMIT 25 OFFSET 100");

            Assert.Contains(index, plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_store_reads_the_page_ids_of_both_date_sorts_in_both_directions_from_an_index_without_sorting()
    {
        var spec = await Databases.NewMigratedDatabaseAsync();
        using var log = new StatementLog(spec);
        await using var store = log.CreateStore();
        await store.MigrateAsync(None);
        await store.ListSessionsAsync(new SessionQuery(), None); // the store's first read learns the schema

        foreach (var (sort, index) in new[] { (SessionSort.Created, "idx_therapy_sessions_created_id"), (SessionSort.Recorded, "idx_therapy_sessions_session_date_id") })
        {
            foreach (var ascending in new[] { false, true })
            {
                log.Clear();
                await store.ListSessionsAsync(new SessionQuery(Limit: 25, Offset: 100, Sort: sort, Ascending: ascending), None);
                var ids = PageIdQuery(log.Statements.Single(sql => sql.Contains("LIMIT", StringComparison.Ordinal)));
                var plan = await PlanAsync(spec, ids);

                var order = $"{sort} {(ascending ? "oldest" : "newest")} first: {ids}\n{plan}";
                Assert.True(plan.Contains(index, StringComparison.Ordinal), order);
                Assert.False(plan.Contains("Bitmap", StringComparison.Ordinal), order);
                Assert.False(plan.Contains("TEMP B-TREE", StringComparison.Ordinal), order);
                Assert.False(plan.Contains("Sort", StringComparison.Ordinal), order);
            }
        }
    }

    /// <summary>
    /// The page's id query inside the statement the store ran (<c>… WHERE id IN (SELECT id … ORDER BY … LIMIT … OFFSET …)</c>),
    /// with the page's limit and offset written in: the part that sorts (the outer statement orders the page's 25 rows).
    /// </summary>
    private static string PageIdQuery(string statement)
    {
        var start = statement.IndexOf("IN (SELECT", StringComparison.Ordinal) + "IN (".Length;
        Assert.True(start >= "IN (".Length, statement);
        var depth = 1;
        var end = start;
        for (; depth > 0; end++)
        {
            depth += statement[end] switch { '(' => 1, ')' => -1, _ => 0 };
        }

        return statement[start..(end - 1)]
            .Replace("@limit", "25", StringComparison.Ordinal).Replace("$limit", "25", StringComparison.Ordinal)
            .Replace("@offset", "100", StringComparison.Ordinal).Replace("$offset", "100", StringComparison.Ordinal);
    }

    private async Task<(string Spec, ISessionStore Store, List<Guid> Sessions)> SeedAsync()
    {
        var spec = await Databases.NewMigratedDatabaseAsync();
        var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        var sessions = new List<Guid>();
        for (var i = 0; i < 9; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"P{i % 3}/session{i}/s{i}.c3d");
            sessions.Add((await store.RegisterUploadAsync(SessionStoreTests.Upload(path, path), None)).SessionId);
        }

        return (spec, store, sessions);
    }

    private static async Task<List<Guid>> IdsAsync(ISessionStore store, SessionQuery query) =>
        [.. (await store.ListSessionsAsync(query, None)).Items.Select(s => s.Id)];

    /// <summary>Every page of <paramref name="query"/>'s size, one after the other, until one comes back short.</summary>
    private static async Task<List<Guid>> PagedAsync(ISessionStore store, SessionQuery query)
    {
        var all = new List<Guid>();
        while (true)
        {
            var page = await IdsAsync(store, query with { Offset = all.Count });
            all.AddRange(page);
            if (page.Count < query.Limit)
            {
                return all;
            }
        }
    }

    private static string Id(Guid id) => id.ToString("D");
}

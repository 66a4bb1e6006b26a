using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using EmgSessions.Testing.Databases;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The start-up the browser fixtures share: a real server (the host of <c>emgs serve</c> on Kestrel, 127.0.0.1) on a
/// SQLite database of its own, given its recordings by <see cref="SeedAsync"/>, and disposed with its database.
/// </summary>
public abstract class BrowserServerFixture(string databaseName) : IAsyncLifetime
{
    private TestDatabase? _database;

    internal EndToEndServer Server { get; private set; } = null!;

    public Uri Address => Server.Client.BaseAddress!;

    /// <summary>The server's database, for a second host with sign-in on the same data.</summary>
    internal string DatabaseSpec => _database!.Spec;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync(databaseName);
        Server = await EndToEndServer.StartAsync(_database.Spec);
        await SeedAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>What the fixture puts on its server once it runs (recordings, accounts, a browser).</summary>
    protected abstract Task SeedAsync();

    /// <summary>Ingests each sample recording under its key; answers the sessions in the same order.</summary>
    protected async Task<List<Guid>> IngestAsync(params (string Key, string Stem)[] recordings)
    {
        var ids = new List<Guid>();
        foreach (var (key, stem) in recordings)
        {
            ids.Add(await IngestAsync(Server, key, stem));
        }

        return ids;
    }

    /// <summary>
    /// Puts a sample recording in the server's bucket and sends its webhook, then waits for Phase 2 to complete and for the
    /// session's score: pages compare their scores with the API's, so both must see the stored score.
    /// </summary>
    internal static async Task<Guid> IngestAsync(EndToEndServer server, string key, string stem)
    {
        ArgumentNullException.ThrowIfNull(server);
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(stem));
        await server.PutAsync(key, bytes);
        var id = (await server.SendWebhookAsync(key, bytes.Length)).GetProperty("processing_id").GetGuid();
        Assert.Equal(SessionStatus.Completed, (await server.WaitForOutcomeAsync(id))[^1]);
        await server.WaitForScoreAsync(id);
        return id;
    }
}

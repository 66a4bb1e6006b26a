using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Http;

/// <summary>
/// A real server for the <c>POST /upload</c> tests: SQLite, no workers (upload analyses without storing),
/// one per test class.
/// </summary>
public sealed class UploadServer : IAsyncLifetime
{
    private EndToEndDatabase _database = null!;
    private EndToEndServer _server = null!;

    /// <summary>A client for the server's 127.0.0.1 address.</summary>
    public HttpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        _database = await EndToEndDatabase.CreateAsync(postgres: false);
        _server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }
}

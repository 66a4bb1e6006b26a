using EmgSessions.Testing.Databases;

namespace EmgSessions.Tests.EndToEnd;

/// <summary>A fresh, empty database for one test: a SQLite file in a temp folder, or a new database in the PostgreSQL of EMGS_TEST_POSTGRES.</summary>
public sealed class EndToEndDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private EndToEndDatabase(TestDatabase database) => _database = database;

    public string Spec => _database.Spec;

    public bool IsPostgres => _database.IsPostgres;

    public static async Task<EndToEndDatabase> CreateAsync(bool postgres) =>
        new(postgres ? await TestDatabase.CreatePostgresAsync("emgs_e2e") : await TestDatabase.CreateSqliteAsync("emgs-e2e-db"));

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

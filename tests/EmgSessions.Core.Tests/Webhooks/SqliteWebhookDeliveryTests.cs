using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Webhooks;

public sealed class SqliteWebhookDeliveryTests(SqliteTestDatabases databases)
    : WebhookDeliveryTests(databases), IClassFixture<SqliteTestDatabases>, IDisposable
{
    // A database path under a plain file: the directory can never be created.
    private readonly string _blocker = Path.GetTempFileName();

    protected override ISessionStore UnreachableStore() =>
        SessionStoreFactory.Create($"sqlite:{_blocker}/under-a-file/emgs.db", NullLoggerFactory.Instance);

    public void Dispose() => File.Delete(_blocker);
}

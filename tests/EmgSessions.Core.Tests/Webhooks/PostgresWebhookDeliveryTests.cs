using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Webhooks;

public sealed class PostgresWebhookDeliveryTests(PostgresTestDatabases databases)
    : WebhookDeliveryTests(databases), IClassFixture<PostgresTestDatabases>
{
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    protected override ISessionStore UnreachableStore() =>
        SessionStoreFactory.Create("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=3", NullLoggerFactory.Instance);
}

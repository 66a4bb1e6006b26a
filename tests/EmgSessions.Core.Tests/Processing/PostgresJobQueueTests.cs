using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Processing;

public sealed class PostgresJobQueueTests(PostgresTestDatabases databases) : JobQueueTests(databases), IClassFixture<PostgresTestDatabases>;

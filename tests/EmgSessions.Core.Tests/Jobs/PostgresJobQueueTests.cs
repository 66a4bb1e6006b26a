using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Jobs;

public sealed class PostgresJobQueueTests(PostgresTestDatabases databases) : JobQueueTests(databases), IClassFixture<PostgresTestDatabases>;

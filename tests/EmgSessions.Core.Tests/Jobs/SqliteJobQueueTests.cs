using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Jobs;

public sealed class SqliteJobQueueTests(SqliteTestDatabases databases) : JobQueueTests(databases), IClassFixture<SqliteTestDatabases>;

using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Processing;

public sealed class SqliteJobQueueTests(SqliteTestDatabases databases) : JobQueueTests(databases), IClassFixture<SqliteTestDatabases>;

using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Migrations;

public sealed class SqliteJobKindsMigrationTests(SqliteTestDatabases databases) : JobKindsMigrationTests(databases), IClassFixture<SqliteTestDatabases>;

using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Migrations;

public sealed class PostgresJobKindsMigrationTests(PostgresTestDatabases databases) : JobKindsMigrationTests(databases), IClassFixture<PostgresTestDatabases>;

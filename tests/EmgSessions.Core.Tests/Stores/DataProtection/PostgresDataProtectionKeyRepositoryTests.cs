namespace EmgSessions.Core.Tests.Stores.DataProtection;

public sealed class PostgresDataProtectionKeyRepositoryTests(PostgresTestDatabases databases)
    : DataProtectionKeyRepositoryTests(databases), IClassFixture<PostgresTestDatabases>;

namespace EmgSessions.Core.Tests.Stores.DataProtection;

public sealed class SqliteDataProtectionKeyRepositoryTests(SqliteTestDatabases databases)
    : DataProtectionKeyRepositoryTests(databases), IClassFixture<SqliteTestDatabases>;

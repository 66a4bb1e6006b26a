namespace EmgSessions.Core.Tests.Stores.People;

public sealed class SqlitePeopleStoreTests(SqliteTestDatabases databases) : PeopleStoreTests(databases), IClassFixture<SqliteTestDatabases>;

namespace EmgSessions.Core.Tests.Stores.People;

public sealed class PostgresPeopleStoreTests(PostgresTestDatabases databases) : PeopleStoreTests(databases), IClassFixture<PostgresTestDatabases>;

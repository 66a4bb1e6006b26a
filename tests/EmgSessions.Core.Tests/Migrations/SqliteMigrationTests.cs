using EmgSessions.Core.Tests.Stores;

namespace EmgSessions.Core.Tests.Migrations;

public sealed class SqliteMigrationTests(SqliteTestDatabases databases) : MigrationTests(databases), IClassFixture<SqliteTestDatabases>
{
    protected override async Task<List<string>> CatalogueAsync(string spec)
    {
        var lines = new List<string>();
        foreach (var row in await Databases.QueryAsync(spec, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"))
        {
            lines.Add(string.Join(" | ", row));
        }

        foreach (var row in await Databases.QueryAsync(spec, """
            SELECT m.name, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk
            FROM sqlite_master m, pragma_table_xinfo(m.name) c WHERE m.type IN ('table', 'view') ORDER BY m.name, c.cid
            """))
        {
            lines.Add("column " + string.Join(" | ", row));
        }

        return lines;
    }
}

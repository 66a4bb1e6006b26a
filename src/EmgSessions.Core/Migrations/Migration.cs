namespace EmgSessions.Core.Migrations;

/// <summary>One numbered SQL file; <paramref name="Checksum"/> is the lower-case hex SHA-256 of its text (LF line ends).</summary>
internal sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    public string Id => $"{Version:000}_{Name}";
}

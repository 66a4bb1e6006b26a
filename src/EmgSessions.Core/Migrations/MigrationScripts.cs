using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations;

/// <summary>The numbered SQL files embedded from <c>Migrations/Sqlite</c> and <c>Migrations/Postgres</c>.</summary>
internal static partial class MigrationScripts
{
    private static readonly Lazy<IReadOnlyList<Migration>> SqliteScripts = new(() => Load("Sqlite"));
    private static readonly Lazy<IReadOnlyList<Migration>> PostgresScripts = new(() => Load("Postgres"));

    public static IReadOnlyList<Migration> For(DatabaseEngine engine) =>
        engine == DatabaseEngine.Sqlite ? SqliteScripts.Value : PostgresScripts.Value;

    public static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));

    private static List<Migration> Load(string folder)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var marker = $".Migrations.{folder}.";
        var scripts = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var match = FileName().Match(resource[(at + marker.Length)..]);
            if (!match.Success)
            {
                throw new MigrationException($"Embedded migration '{resource}' is not named NNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            scripts.Add(new Migration(
                int.Parse(match.Groups["version"].ValueSpan, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                sql,
                Checksum(sql)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new MigrationException($"Two {folder} migrations share version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    [GeneratedRegex(@"^_?(?<version>\d{3})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}

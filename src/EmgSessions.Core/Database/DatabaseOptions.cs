using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmgSessions.Core.Database;

/// <summary>
/// Where the sessions database lives, parsed from a <c>--database</c> / <c>EMGS_DATABASE</c> spec:
/// <c>sqlite:PATH</c>, a <c>postgresql://user:pass@host:port/db</c> URL, or Npgsql keywords (<c>Host=...;Database=...</c>).
/// </summary>
public sealed record DatabaseOptions
{
    public const string DefaultSpec = "sqlite:./data/emgs.db";

    private DatabaseOptions(DatabaseEngine engine, string connectionString, string? sqlitePath)
    {
        Engine = engine;
        ConnectionString = connectionString;
        SqlitePath = sqlitePath;
    }

    public DatabaseEngine Engine { get; }

    /// <summary>An ADO.NET connection string for the engine (Microsoft.Data.Sqlite or Npgsql keywords).</summary>
    public string ConnectionString { get; }

    /// <summary>The full path of the SQLite file; null for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The spec without credentials, for logs and messages.</summary>
    public string Describe()
    {
        if (Engine == DatabaseEngine.Sqlite)
        {
            return $"sqlite:{SqlitePath}";
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return string.Create(CultureInfo.InvariantCulture, $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>Parses a spec; null or blank means <see cref="DefaultSpec"/>.</summary>
    /// <exception cref="FormatException">The spec is of no known form.</exception>
    public static DatabaseOptions Parse(string? spec)
    {
        spec = string.IsNullOrWhiteSpace(spec) ? DefaultSpec : spec.Trim();
        if (spec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = spec["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
            }

            if (path.Length == 0)
            {
                throw new FormatException("The SQLite spec needs a file path: sqlite:PATH.");
            }

            return ForSqliteFile(path);
        }

        if (spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseOptions(DatabaseEngine.Postgres, FromUrl(spec), null);
        }

        if (spec.Contains('=', StringComparison.Ordinal))
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(spec);
                if (string.IsNullOrEmpty(builder.Host))
                {
                    throw new FormatException("The PostgreSQL connection string has no Host.");
                }

                return new DatabaseOptions(DatabaseEngine.Postgres, builder.ConnectionString, null);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"Not a valid Npgsql connection string: {ex.Message}", ex);
            }
        }

        throw new FormatException(
            $"Unknown database spec '{spec}'. Use sqlite:PATH, postgresql://user:pass@host:port/db or Npgsql keywords (Host=...;Database=...).");
    }

    /// <summary>Options for a SQLite file (the directory is created when the database is opened).</summary>
    public static DatabaseOptions ForSqliteFile(string path)
    {
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            // Seconds Microsoft.Data.Sqlite keeps retrying a busy statement; with the store's own
            // retries this bounds how long a locked file takes to be reported (about 15 s in all).
            DefaultTimeout = 5,
        };
        return new DatabaseOptions(DatabaseEngine.Sqlite, builder.ConnectionString, full);
    }

    private static string FromUrl(string spec)
    {
        if (!Uri.TryCreate(spec, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"Not a valid PostgreSQL URL: '{spec}'.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
            }
            else
            {
                try
                {
                    builder[key] = value;
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException($"Unknown PostgreSQL URL parameter '{key}'.", ex);
                }
            }
        }

        return builder.ConnectionString;
    }
}

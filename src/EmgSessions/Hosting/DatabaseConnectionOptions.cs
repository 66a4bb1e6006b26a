namespace EmgSessions.Hosting;

/// <summary>Which sessions database to open (system.md §7, <c>--database</c> / <c>EMGS_DATABASE</c>).</summary>
internal sealed class DatabaseConnectionOptions
{
    public const string Section = "Database";
    public const string DefaultConnection = Core.Database.DatabaseOptions.DefaultSpec;

    /// <summary><c>sqlite:PATH</c>, a PostgreSQL URL (<c>postgresql://user:pass@host:port/db</c>) or Npgsql keywords (<c>Host=...;Database=...</c>).</summary>
    public string Connection { get; set; } = DefaultConnection;

    /// <summary>Apply pending migrations when a process starts (serve, worker, ingest, demo).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Problems with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Check() => Check(Connection) is { } problem ? [problem] : [];

    /// <summary>A message saying what is wrong with <paramref name="connection"/>, or null when it looks usable.</summary>
    public static string? Check(string? connection)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            return "Database:Connection is empty. Use sqlite:PATH, postgresql://user:pass@host:port/db or Host=...;Database=....";
        }

        try
        {
            Core.Database.DatabaseOptions.Parse(connection);
            return null;
        }
        catch (FormatException ex)
        {
            return $"Database:Connection '{Redact(connection)}': {ex.Message}";
        }
    }

    /// <summary>The connection without its password, for messages and logs.</summary>
    public static string Redact(string connection)
    {
        var at = connection.IndexOf('@', StringComparison.Ordinal);
        var scheme = connection.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && at > scheme)
        {
            var colon = connection.IndexOf(':', scheme + 3);
            if (colon > 0 && colon < at)
            {
                return string.Concat(connection.AsSpan(0, colon + 1), "***", connection.AsSpan(at));
            }
        }

        var parts = connection.Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = "Password=***";
            }
        }

        return string.Join(';', parts);
    }
}

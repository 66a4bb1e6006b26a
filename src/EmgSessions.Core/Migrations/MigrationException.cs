namespace EmgSessions.Core.Migrations;

/// <summary>
/// A migration cannot be applied: an applied migration's file changed (checksum), a migration failed
/// (its transaction was rolled back; the inner exception says why), or the database is in an unknown shape.
/// </summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

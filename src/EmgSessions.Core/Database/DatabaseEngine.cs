namespace EmgSessions.Core.Database;

/// <summary>The two database engines of system.md §2.</summary>
public enum DatabaseEngine
{
    /// <summary>The embedded default: one file, nothing to install.</summary>
    Sqlite,

    /// <summary>Production and scale-out (the predecessor's Supabase database).</summary>
    Postgres,
}

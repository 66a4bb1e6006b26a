using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations;

/// <summary>
/// Applies the numbered SQL migrations of one engine, each in its own transaction, recorded in
/// <c>schema_migrations(version, name, checksum, applied_at)</c>. A changed checksum of an applied
/// migration is an error. A predecessor database (therapy_sessions without schema_migrations) is
/// adopted: baselined at 010, or at 021 when c3d_technical_data already exists.
/// </summary>
public abstract class MigrationRunner : IAsyncDisposable
{
    private protected MigrationRunner(DatabaseEngine engine) => Migrations = MigrationScripts.For(engine);

    internal IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Applies what is pending; returns the migrations applied by this call (empty when up to date).</summary>
    /// <exception cref="MigrationException">A checksum changed or a migration failed (and was rolled back).</exception>
    public abstract Task<IReadOnlyList<MigrationState>> ApplyAsync(CancellationToken cancellationToken);

    /// <summary>Every known migration with its applied time, or pending.</summary>
    public abstract Task<IReadOnlyList<MigrationState>> GetStatusAsync(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The version a predecessor database is baselined at.</summary>
    internal static int BaselineVersion(bool technicalTableExists) => technicalTableExists ? 21 : 10;

    internal void CheckChecksums(IReadOnlyDictionary<int, (string Checksum, DateTimeOffset AppliedAt)> applied)
    {
        foreach (var migration in Migrations)
        {
            if (applied.TryGetValue(migration.Version, out var row) && !string.Equals(row.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException(
                    $"Migration {migration.Id} was applied with checksum {row.Checksum} but its file now has checksum {migration.Checksum}. " +
                    "Applied migrations must not change: add a new migration instead.");
            }
        }
    }

    internal IReadOnlyList<MigrationState> Describe(IReadOnlyDictionary<int, (string Checksum, DateTimeOffset AppliedAt)> applied) =>
        Migrations.Select(m => applied.TryGetValue(m.Version, out var row)
                ? new MigrationState(m.Version, m.Name, row.AppliedAt, string.Equals(row.Checksum, m.Checksum, StringComparison.Ordinal))
                : new MigrationState(m.Version, m.Name, null))
            .ToList();
}

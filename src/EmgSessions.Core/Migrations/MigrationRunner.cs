using EmgSessions.Core.Database;

namespace EmgSessions.Core.Migrations;

/// <summary>
/// Applies the numbered SQL migrations of one engine, each in its own transaction, recorded in
/// <c>schema_migrations(version, name, checksum, applied_at)</c>. A changed checksum of an applied
/// migration is an error. A database without schema_migrations is first recognised by
/// <see cref="Adoption.PredecessorAdopter"/> (one detector per known shape, over catalogue queries): a fresh one, or a
/// predecessor state that is adopted (its steps, the baseline and every later migration in one transaction, recorded in
/// <c>schema_adoption</c>); an unknown shape is refused before anything changes.
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

    /// <summary>What <see cref="ApplyAsync"/> would do, without changing anything.</summary>
    /// <exception cref="MigrationException">The database has a shape no detector recognises.</exception>
    public abstract Task<MigrationPreview> PreviewAsync(CancellationToken cancellationToken);

    /// <summary>The recorded adoption (which shape this database had when first migrated), or null when none is recorded.</summary>
    public abstract Task<AdoptionRecord?> GetAdoptionAsync(CancellationToken cancellationToken);

    internal static string CountsJson(IReadOnlyList<MigrationPreviewCount> counts) =>
        System.Text.Json.JsonSerializer.Serialize(counts.ToDictionary(c => c.Label, c => c.Count));

    internal static IReadOnlyList<MigrationPreviewCount> ParseCounts(string json) =>
        [.. (System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? []).Select(p => new MigrationPreviewCount(p.Key, p.Value))];

    internal IReadOnlyList<MigrationState> PendingAfter(Adoption.AdoptionPlan plan, IReadOnlyDictionary<int, (string Checksum, DateTimeOffset AppliedAt)> applied) =>
        plan.State == Adoption.AdoptionPlan.OwnState
            ? [.. Migrations.Where(m => !applied.ContainsKey(m.Version)).Select(m => new MigrationState(m.Version, m.Name, null))]
            : [.. Migrations.Where(m => m.Version > plan.Baseline).Select(m => new MigrationState(m.Version, m.Name, null))];

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

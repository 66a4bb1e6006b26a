namespace EmgSessions.Core.Migrations;

/// <summary>
/// The row of <c>schema_adoption</c>: which shape the database had when this application first migrated it
/// (<c>fresh</c> or a predecessor state), when, and what the adoption counted.
/// </summary>
public sealed record AdoptionRecord(string State, string Description, int Baseline, DateTimeOffset AdoptedAt, IReadOnlyList<MigrationPreviewCount> Counts);

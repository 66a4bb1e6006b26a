namespace EmgSessions.Core.Migrations;

/// <summary>
/// What <c>emgs migrate --dry-run</c> shows: the shape found (<paramref name="State"/>: <c>fresh</c>, <c>emgs</c> or a
/// predecessor state), the adoption steps, the migrations that would run, and what moves or is kept.
/// </summary>
public sealed record MigrationPreview(
    string State,
    string Description,
    int? Baseline,
    IReadOnlyList<string> Steps,
    IReadOnlyList<MigrationState> Pending,
    IReadOnlyList<MigrationPreviewCount> Counts);

namespace EmgSessions.Core.Migrations;

/// <summary>One number of a <see cref="MigrationPreview"/> or of a recorded adoption: what it counts, and how many.</summary>
public sealed record MigrationPreviewCount(string Label, long Count);

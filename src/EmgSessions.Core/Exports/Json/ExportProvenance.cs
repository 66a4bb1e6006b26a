namespace EmgSessions.Core.Exports.Json;

/// <summary>
/// Where an exported result came from, beyond what the stored entry says (its file hash, processing version and
/// params): the analysis profile, the software version, the export time, and the scoring used when there was any.
/// </summary>
/// <param name="ScoringConfigurationJson">The scoring configuration as JSON text (an object), when scores were given.</param>
public sealed record ExportProvenance(
    string AnalysisProfile,
    string SoftwareVersion,
    DateTimeOffset ExportedAt,
    string? ScoringProfile = null,
    string? ScoringConfigurationJson = null);

namespace EmgSessions.Core.Sessions.Ingestion;

/// <summary>Phase 1's local files (section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Where downloaded objects wait for Phase 2, named by their SHA-256.</summary>
    public string SpoolDirectory { get; set; } = "./data/spool";

    /// <summary>Spool files older than this are removed by the reconciler (Phase 2 downloads again if needed).</summary>
    public TimeSpan SpoolRetention { get; set; } = TimeSpan.FromDays(7);

    public IReadOnlyList<string> Check() =>
        string.IsNullOrWhiteSpace(SpoolDirectory) ? ["Ingestion:SpoolDirectory must not be empty."] : [];
}

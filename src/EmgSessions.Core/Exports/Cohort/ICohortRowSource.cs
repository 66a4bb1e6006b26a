namespace EmgSessions.Core.Exports.Cohort;

/// <summary>
/// Where the cohort export's rows come from: the next step implements this over the stores with the sessions list's
/// filters, yielding rows as it reads them so the export never holds the cohort in memory.
/// </summary>
public interface ICohortRowSource
{
    /// <summary>The rows, one per session × channel, in a stable order (session date, session id, channel order).</summary>
    IAsyncEnumerable<CohortRow> ReadRowsAsync(CancellationToken cancellationToken = default);
}

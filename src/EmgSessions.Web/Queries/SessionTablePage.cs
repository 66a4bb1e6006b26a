namespace EmgSessions.Web.Queries;

/// <summary>One page of the Sessions table and how many sessions match the filters in all.</summary>
internal sealed record SessionTablePage(IReadOnlyList<SessionTableRow> Rows, long Total);

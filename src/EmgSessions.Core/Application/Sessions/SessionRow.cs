namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// A session as the actor may see it (<see cref="Details"/>, pseudonymised for researchers) and its stored analytics
/// entry as JSON text (<c>{}</c> before Phase 2), which names no patient.
/// </summary>
internal sealed record SessionRow(SessionDetails Details, string AnalyticsJson);

namespace EmgSessions.Core.Migrations;

/// <summary>
/// A migration as <c>emgs migrate --status</c> shows it: applied (with its time) or pending.
/// <paramref name="ChecksumMatches"/> is false when the applied migration's file has changed since.
/// </summary>
public sealed record MigrationState(int Version, string Name, DateTimeOffset? AppliedAt, bool ChecksumMatches = true)
{
    public bool Pending => AppliedAt is null;
}

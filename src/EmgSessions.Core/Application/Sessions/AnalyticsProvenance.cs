using EmgSessions.Core.Analytics;

namespace EmgSessions.Core.Application.Sessions;

/// <summary>
/// A stored analytics entry that is not a current cache hit (stale, another version's, or written by the predecessor)
/// and is still served, marked by three response headers: where it comes from, its version, and that it is stale.
/// </summary>
internal sealed record AnalyticsProvenance(string Origin, string Version)
{
    public const string OriginHeader = "Emgs-Analytics-Origin";
    public const string VersionHeader = "Emgs-Analytics-Version";
    public const string StaleHeader = "Emgs-Analytics-Stale";

    /// <summary>
    /// The entry's origin (<c>emgs</c> when its version is one of ours — the current one, which makes it only stale,
    /// or an earlier revision such as <c>ghostly-v1+r1</c>; otherwise <c>predecessor</c>) and version; null when
    /// nothing is stored.
    /// </summary>
    public static AnalyticsProvenance? Describe(string? json, string currentVersion)
    {
        if (AnalyticsDocument.TryParse(json) is not { HasMembers: true } document)
        {
            return null;
        }

        var version = document.ProcessingVersion ?? "unknown";
        return new AnalyticsProvenance(IsOurs(version, currentVersion) ? "emgs" : "predecessor", version);
    }

    /// <summary>Our versions are the current one and its earlier revisions: the same profile, a different <c>+rN</c>.</summary>
    private static bool IsOurs(string version, string currentVersion)
    {
        var plus = currentVersion.IndexOf('+', StringComparison.Ordinal);
        var profile = plus < 0 ? currentVersion : currentVersion[..plus];
        return string.Equals(version, currentVersion, StringComparison.Ordinal)
            || version.StartsWith(profile + "+r", StringComparison.Ordinal);
    }
}

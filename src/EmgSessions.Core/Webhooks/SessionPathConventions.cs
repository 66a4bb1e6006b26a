using System.Globalization;
using System.Text.RegularExpressions;
using EmgSessions.Core.Storage;

namespace EmgSessions.Core.Webhooks;

/// <summary>
/// The path conventions of system.md §3.4: <c>P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d</c>
/// gives patient <c>P005</c>, session <c>session1</c> and 2023-03-21 17:50:17 in the configured zone.
/// </summary>
public static partial class SessionPathConventions
{
    public static SessionPathInfo Derive(string key, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(zone);
        var segments = key.Split('/');
        var fileName = segments[^1];
        string? patientId = null;
        string? hint = null;
        if (segments.Length >= 2)
        {
            if (PatientCode().IsMatch(segments[0]))
            {
                patientId = segments[0];
            }
            else
            {
                hint = segments[0];
            }
        }

        var sessionCode = segments.Length >= 3 ? segments[1] : null;
        return new SessionPathInfo(ObjectKey.FileName(key), patientId, sessionCode, DateFromFileName(fileName, zone), hint);
    }

    /// <summary>
    /// The recording time written in a Ghostly file name (<c>Ghostly_Emg_YYYYMMDD_HH-mm-ss-ffff.c3d</c>), at
    /// whole seconds, as the instant it denotes in <paramref name="zone"/>; null when absent or not a real
    /// time (bad date, or a local time skipped by a daylight-saving change).
    /// </summary>
    public static DateTimeOffset? DateFromFileName(string fileName, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(zone);
        var match = GhostlyFileName().Match(fileName);
        if (!match.Success
            || !DateTime.TryParseExact(
                match.Groups["stamp"].Value, "yyyyMMdd_HH-mm-ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    [GeneratedRegex("^P[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PatientCode();

    [GeneratedRegex("^Ghostly_Emg_(?<stamp>[0-9]{8}_[0-9]{2}-[0-9]{2}-[0-9]{2})-[0-9]{4}\\.c3d$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex GhostlyFileName();
}

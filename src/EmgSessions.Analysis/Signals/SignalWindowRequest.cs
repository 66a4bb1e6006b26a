using System.Globalization;

namespace EmgSessions.Analysis.Signals;

/// <summary>
/// A checked window request: <c>from_s</c> ≥ 0 and not past the end, <c>to_s</c> &gt; <c>from_s</c> (clamped to the
/// end), 1 ≤ <c>points</c> ≤ <see cref="MaxPoints"/>. Absent parameters mean the whole recording and
/// <see cref="DefaultPoints"/> points.
/// </summary>
public sealed record SignalWindowRequest
{
    public const int DefaultPoints = 1200;
    public const int MaxPoints = 10_000;

    private SignalWindowRequest(double fromS, double toS, int points)
    {
        FromS = fromS;
        ToS = toS;
        Points = points;
    }

    public double FromS { get; }

    public double ToS { get; }

    public int Points { get; }

    /// <summary>
    /// Parses the query strings (invariant culture, so "12.5") for a recording of <paramref name="duration"/> s;
    /// returns null and the request, or the first problem (in the order from_s, to_s, points) and no request.
    /// </summary>
    public static SignalWindowProblem? TryParse(string? fromS, string? toS, string? points, double duration, out SignalWindowRequest? request)
    {
        request = null;
        double? from = null, to = null;
        int? count = null;
        if (fromS is not null)
        {
            if (!TryParseSeconds(fromS, out var value))
            {
                return FromProblem(fromS, duration);
            }

            from = value;
        }

        if (toS is not null)
        {
            if (!TryParseSeconds(toS, out var value))
            {
                return ToProblem(toS, from ?? 0);
            }

            to = value;
        }

        if (points is not null)
        {
            if (!int.TryParse(points, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value))
            {
                return PointsProblem(points);
            }

            count = value;
        }

        return TryCreate(from, to, count, duration, out request);
    }

    /// <summary>As <see cref="TryParse"/>, for values already typed (null = absent).</summary>
    public static SignalWindowProblem? TryCreate(double? fromS, double? toS, int? points, double duration, out SignalWindowRequest? request)
    {
        request = null;
        var from = fromS ?? 0;
        if (!double.IsFinite(from) || from < 0 || from > duration)
        {
            return FromProblem(from.ToString("R", CultureInfo.InvariantCulture), duration);
        }

        var to = toS ?? duration;
        if (!double.IsFinite(to) || to <= from)
        {
            return ToProblem(to.ToString("R", CultureInfo.InvariantCulture), from);
        }

        var count = points ?? DefaultPoints;
        if (count is < 1 or > MaxPoints)
        {
            return PointsProblem(count.ToString(CultureInfo.InvariantCulture));
        }

        request = new SignalWindowRequest(from, Math.Min(to, duration), count);
        return null;
    }

    /// <summary>The caller's text as far as it helps: at most 40 characters.</summary>
    private static string Quote(string given) => given.Length <= 40 ? given : given[..40] + "…";

    private static bool TryParseSeconds(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static SignalWindowProblem FromProblem(string given, double duration) => new(
        "from_s",
        string.Create(CultureInfo.InvariantCulture, $"from_s must be a number of seconds from 0 to {duration:0.###} (the recording's length), e.g. from_s=12.5; got '{Quote(given)}'."));

    private static SignalWindowProblem ToProblem(string given, double from) => new(
        "to_s",
        string.Create(CultureInfo.InvariantCulture, $"to_s must be a number of seconds greater than from_s ({from:0.###}), e.g. to_s={from + 10:0.###}; got '{Quote(given)}'. Values past the end are cut to the end."));

    private static SignalWindowProblem PointsProblem(string given) => new(
        "points",
        string.Create(CultureInfo.InvariantCulture, $"points must be a whole number from 1 to {MaxPoints}, e.g. points={DefaultPoints}; got '{Quote(given)}'."));
}

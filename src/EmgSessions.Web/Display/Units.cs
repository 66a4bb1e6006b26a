using System.Globalization;

namespace EmgSessions.Web.Display;

/// <summary>
/// How the dashboard writes values: volts with an SI prefix (µV, mV) and three significant digits, times in seconds
/// or minutes, frequencies in Hz; a missing value is "—" with no number made up.
/// </summary>
internal static class Units
{
    public const string Missing = "—";

    public static string Volts(double? volts)
    {
        if (volts is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }

        var magnitude = Math.Abs(v);
        return magnitude switch
        {
            0 => "0 V",
            < 1e-3 => Significant(v * 1e6) + " µV",
            < 1 => Significant(v * 1e3) + " mV",
            _ => Significant(v) + " V",
        };
    }

    public static string Milliseconds(double? ms) =>
        ms is { } v && double.IsFinite(v) ? (v >= 1000 ? Significant(v / 1000) + " s" : Significant(v) + " ms") : Missing;

    public static string Seconds(double? s)
    {
        if (s is not { } v || !double.IsFinite(v))
        {
            return Missing;
        }

        return v >= 60
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)(v / 60)} min {v % 60:0} s")
            : Significant(v) + " s";
    }

    public static string Hertz(double? hz) => hz is { } v && double.IsFinite(v) ? Significant(v) + " Hz" : Missing;

    /// <summary>A plain number: three significant digits, in scientific notation below 0.001 (e.g. a fatigue index of 2.77e-12).</summary>
    public static string Number(double? value) => value switch
    {
        { } v when !double.IsFinite(v) => Missing,
        { } v when v != 0 && Math.Abs(v) < 1e-3 => v.ToString("0.##e+0", CultureInfo.InvariantCulture),
        { } v => Significant(v),
        null => Missing,
    };

    public static string Count(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : Missing;

    public static string Date(DateTimeOffset? date) =>
        date is { } d ? d.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : Missing;

    /// <summary>Three significant digits, no exponent for the ranges shown here.</summary>
    public static string Significant(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value, Math.Min(digits, 12)).ToString("0.############", CultureInfo.InvariantCulture);
    }
}

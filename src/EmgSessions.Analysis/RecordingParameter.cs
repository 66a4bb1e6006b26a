using System.Globalization;

namespace EmgSessions.Analysis;

/// <summary>The first element of a recording parameter (e.g. INFO:GAME_LEVEL), typed as the file stores it.</summary>
public sealed record RecordingParameter
{
    private RecordingParameter(RecordingParameterKind kind, string? text, long integer, double real)
    {
        Kind = kind;
        TextValue = text;
        IntegerValue = integer;
        RealValue = real;
    }

    public RecordingParameterKind Kind { get; }

    public string? TextValue { get; }

    public long IntegerValue { get; }

    public double RealValue { get; }

    /// <summary>A CHAR parameter's first string (trailing blanks already trimmed, leading ones kept).</summary>
    public static RecordingParameter Text(string value) => new(RecordingParameterKind.Text, value ?? string.Empty, 0, 0);

    /// <summary>An INT16 or BYTE parameter's first element.</summary>
    public static RecordingParameter Integer(long value) => new(RecordingParameterKind.Integer, null, value, 0);

    /// <summary>A FLOAT parameter's first element, widened to double.</summary>
    public static RecordingParameter Real(double value) => new(RecordingParameterKind.Real, null, 0, value);

    /// <summary>The value as the predecessor printed it: text as is (trailing spaces trimmed), integers in decimal, floats in Python's repr.</summary>
    public string ToMetadataText() => Kind switch
    {
        RecordingParameterKind.Text => TextValue!.TrimEnd(' '),
        RecordingParameterKind.Integer => IntegerValue.ToString(CultureInfo.InvariantCulture),
        _ => PythonFloat.Format(RealValue),
    };
}

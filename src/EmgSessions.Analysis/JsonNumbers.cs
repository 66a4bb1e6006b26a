using System.Text.Json;

namespace EmgSessions.Analysis;

/// <summary>Numbers in the output: shortest round-trip doubles; NaN and ±Infinity become null (F8).</summary>
internal static class JsonNumbers
{
    public static void Write(Utf8JsonWriter writer, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    public static void Write(Utf8JsonWriter writer, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

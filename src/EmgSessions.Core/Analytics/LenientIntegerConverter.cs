using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>
/// A JSON number with a whole value within <see cref="int"/> (<c>12</c>, also <c>12.0</c> as Python may write it) as an
/// integer; a fraction, anything out of range or of another kind reads as null.
/// </summary>
internal sealed class LenientIntegerConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var whole))
            {
                return whole;
            }

            if (reader.TryGetDouble(out var value) && value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue)
            {
                return (int)value;
            }

            return null;
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

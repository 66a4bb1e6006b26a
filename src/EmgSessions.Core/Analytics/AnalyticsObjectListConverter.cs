using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EmgSessions.Core.Analytics;

/// <summary>
/// A JSON array of objects as a list of <typeparamref name="T"/>, in order: entries that are not objects are left out
/// (unless <see cref="ReadOther"/> makes something of them); a member that is not an array reads as null.
/// </summary>
internal abstract class AnalyticsObjectListConverter<T> : JsonConverter<IReadOnlyList<T>?>
    where T : class
{
    public override bool HandleNull => true;

    /// <summary>The element type's generated metadata.</summary>
    protected abstract JsonTypeInfo<T> ElementInfo { get; }

    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var entry = reader.TokenType == JsonTokenType.StartObject ? JsonSerializer.Deserialize(ref reader, ElementInfo) : ReadOther(ref reader);
            if (entry is not null)
            {
                list.Add(entry);
            }
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var entry in value)
        {
            JsonSerializer.Serialize(writer, entry, ElementInfo);
        }

        writer.WriteEndArray();
    }

    /// <summary>An entry that is not an object: skipped (null) unless a list says otherwise.</summary>
    protected virtual T? ReadOther(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>The document's <c>metadata</c> object as its members (values as stored); anything else reads as null.</summary>
internal sealed class AnalyticsMetadataConverter : JsonConverter<IReadOnlyDictionary<string, JsonElement>?>
{
    public override bool HandleNull => true;

    public override IReadOnlyDictionary<string, JsonElement>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        return JsonSerializer.Deserialize(ref reader, AnalyticsJsonContext.Default.DictionaryStringJsonElement);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value.ToDictionary(), AnalyticsJsonContext.Default.DictionaryStringJsonElement);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>
/// The <c>analytics</c> object as its channels in the document's order, each named by its key; a member that is not
/// an object is left out; an <c>analytics</c> that is not an object reads as null (no analytics).
/// </summary>
internal sealed class AnalyticsChannelsConverter : JsonConverter<IReadOnlyList<AnalyticsChannel>?>
{
    public override bool HandleNull => true;

    public override IReadOnlyList<AnalyticsChannel>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var channels = new List<AnalyticsChannel>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            var channel = JsonSerializer.Deserialize(ref reader, AnalyticsJsonContext.Default.AnalyticsChannel)!;
            channel.Name = name;
            channels.Add(channel);
        }

        return channels;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<AnalyticsChannel>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var channel in value)
        {
            writer.WritePropertyName(channel.Name);
            JsonSerializer.Serialize(writer, channel, AnalyticsJsonContext.Default.AnalyticsChannel);
        }

        writer.WriteEndObject();
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EmgSessions.Core.Analytics;

/// <summary>The document's <c>warnings</c>: objects, and the text of a bare string or number entry.</summary>
internal sealed class AnalyticsWarningsConverter : AnalyticsObjectListConverter<AnalyticsWarning>
{
    protected override JsonTypeInfo<AnalyticsWarning> ElementInfo => AnalyticsJsonContext.Default.AnalyticsWarning;

    protected override AnalyticsWarning? ReadOther(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => new AnalyticsWarning { Message = reader.GetString(), FromObject = false },
        JsonTokenType.Number => new AnalyticsWarning { Message = Encoding.UTF8.GetString(reader.ValueSpan), FromObject = false },
        _ => base.ReadOther(ref reader),
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>The source-generated (reflection-free) metadata of the analytics document's types.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(AnalyticsDocument))]
[JsonSerializable(typeof(AnalyticsChannel))]
[JsonSerializable(typeof(AnalyticsContraction))]
[JsonSerializable(typeof(AnalyticsWarning))]
[JsonSerializable(typeof(AnalyticsSkippedChannel))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class AnalyticsJsonContext : JsonSerializerContext;

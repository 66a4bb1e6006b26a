using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EmgSessions.Core.Caching;

/// <summary>
/// The <c>analytics_cache</c> JSON of a session (system.md §5): <c>analytics</c>, <c>metadata</c>,
/// <c>available_channels</c>, <c>processing_params</c>, <c>processing_version</c>, <c>cached_at</c>, plus
/// <c>compat</c> and <c>session_parameters_used</c> when the analysis gives them.
/// </summary>
public static class AnalyticsCacheEntry
{
    private static readonly string[] CopiedKeys = ["analytics", "metadata", "available_channels"];
    private static readonly string[] OptionalKeys = ["compat", "session_parameters_used"];

    /// <summary>Wraps an analysis result (<c>emgs analyze --json</c> shape) into a cache entry.</summary>
    /// <exception cref="JsonException">The result or the params are not JSON objects.</exception>
    public static string Build(string analysisResultJson, string processingVersion, string canonicalParamsJson, DateTimeOffset cachedAt)
    {
        using var result = JsonDocument.Parse(analysisResultJson);
        using var parameters = JsonDocument.Parse(canonicalParamsJson);
        if (result.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The analysis result is not a JSON object.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var key in CopiedKeys)
            {
                writer.WritePropertyName(key);
                if (result.RootElement.TryGetProperty(key, out var value))
                {
                    value.WriteTo(writer);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WritePropertyName("processing_params");
            parameters.RootElement.WriteTo(writer);
            writer.WriteString("processing_version", processingVersion);
            writer.WriteString("cached_at", cachedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            foreach (var key in OptionalKeys)
            {
                if (result.RootElement.TryGetProperty(key, out var value))
                {
                    writer.WritePropertyName(key);
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

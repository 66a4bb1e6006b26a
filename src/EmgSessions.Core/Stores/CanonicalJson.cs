using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmgSessions.Core.Stores;

/// <summary>
/// JSON helpers shared by both stores: canonical text (object keys sorted by ordinal, no whitespace)
/// so parameters compare by meaning, and the shallow merge of game_metadata.
/// </summary>
internal static class CanonicalJson
{
    public static string Canonicalize(string json)
    {
        var node = JsonNode.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Top-level keys of <paramref name="patch"/> replace those of <paramref name="target"/> (PostgreSQL's <c>jsonb || jsonb</c>).</summary>
    public static string MergeObjects(string target, string patch)
    {
        var targetNode = JsonNode.Parse(target) as JsonObject ?? [];
        if (JsonNode.Parse(patch) is not JsonObject patchNode)
        {
            throw new ArgumentException("game metadata must be a JSON object.", nameof(patch));
        }

        foreach (var (key, value) in patchNode.ToList())
        {
            patchNode.Remove(key);
            targetNode[key] = value;
        }

        return targetNode.ToJsonString();
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="json"/> is a JSON object.</summary>
    public static void RequireObject(string json, string parameterName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("Expected a JSON object.", parameterName);
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Not valid JSON: {ex.Message}", parameterName, ex);
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

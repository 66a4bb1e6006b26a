using System.Globalization;
using System.Text.Json;

namespace EmgSessions.Core.Webhooks;

/// <summary>
/// Reads both payload formats of system.md §3.1 into a <see cref="StorageEvent"/>. Unknown fields are
/// ignored; missing or ill-typed fields are reported by their JSON path. Events we do not handle
/// (DELETE, unknown event types) are <see cref="WebhookVerdict.Ignored"/>.
/// </summary>
public static class WebhookPayloadParser
{
    /// <summary>Legacy event types that mean "an object was created".</summary>
    public static IReadOnlyList<string> LegacyCreateEvents { get; } = ["ObjectCreated:Post", "storage-object-uploaded", "storage-object-created"];

    /// <summary>Parses <paramref name="body"/>; the verdict is NotJson, Invalid, Ignored or Accepted.</summary>
    public static WebhookCheck Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return WebhookCheck.NotJson($"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            try
            {
                return ParseDocument(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // A property name escaping an unpaired surrogate ("\ud800": valid JSON) makes TryGetProperty
                // throw while it compares names (found by fuzzing); string values are checked field by field.
                return WebhookCheck.Invalid("$", "a property name contains an unpaired surrogate escape");
            }
        }
    }

    private static WebhookCheck ParseDocument(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return WebhookCheck.Invalid("$", "the body must be a JSON object");
        }

        if (root.TryGetProperty("eventType", out _))
        {
            return ParseLegacy(root);
        }

        if (root.TryGetProperty("type", out _) || root.TryGetProperty("record", out _))
        {
            return ParseSupabase(root);
        }

        return WebhookCheck.Invalid(
            "The body is neither a Supabase database webhook (type, schema, table, record) nor the legacy format (eventType, bucket, objectName).",
            new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["type"] = ["required for a Supabase database webhook"],
                ["eventType"] = ["required for the legacy format"],
            });
    }

    private static WebhookCheck ParseSupabase(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var type = RequiredString(root, "type", "type", errors);
        var schema = RequiredString(root, "schema", "schema", errors);
        var table = RequiredString(root, "table", "table", errors);
        if (schema is not null && schema != "storage")
        {
            errors["schema"] = [$"must be 'storage', not '{schema}'"];
        }

        if (table is not null && table != "objects")
        {
            errors["table"] = [$"must be 'objects', not '{table}'"];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        if (type is not ("INSERT" or "UPDATE"))
        {
            return WebhookCheck.Ignored($"Ignoring event type: {type}");
        }

        if (!root.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object)
        {
            errors["record"] = [record.ValueKind == JsonValueKind.Undefined ? "required" : "must be an object"];
            return Invalid(errors);
        }

        var bucket = RequiredString(record, "bucket_id", "record.bucket_id", errors);
        var key = RequiredString(record, "name", "record.name", errors);
        long? size = null;
        string? contentType = null;
        if (record.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                errors["record.metadata"] = ["must be an object or null"];
            }
            else
            {
                size = OptionalSize(metadata, "size", "record.metadata.size", errors);
                contentType = OptionalString(metadata, "mimetype", "record.metadata.mimetype", errors);
            }
        }

        return errors.Count > 0
            ? Invalid(errors)
            : WebhookCheck.Accepted(new StorageEvent(WebhookPayloadFormat.SupabaseDatabase, type, bucket!, key!, size, contentType));
    }

    private static WebhookCheck ParseLegacy(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var eventType = RequiredString(root, "eventType", "eventType", errors);
        if (eventType is null)
        {
            return Invalid(errors);
        }

        if (!LegacyCreateEvents.Contains(eventType, StringComparer.Ordinal))
        {
            return WebhookCheck.Ignored($"Ignoring event type: {eventType}");
        }

        var bucket = RequiredString(root, "bucket", "bucket", errors);
        var key = RequiredString(root, "objectName", "objectName", errors);
        var size = OptionalSize(root, "objectSize", "objectSize", errors);
        var contentType = OptionalString(root, "contentType", "contentType", errors);
        OptionalString(root, "timestamp", "timestamp", errors);
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            errors["metadata"] = ["must be an object or null"];
        }

        return errors.Count > 0
            ? Invalid(errors)
            : WebhookCheck.Accepted(new StorageEvent(WebhookPayloadFormat.Legacy, eventType, bucket!, key!, size, contentType));
    }

    private static WebhookCheck Invalid(Dictionary<string, string[]> errors) =>
        WebhookCheck.Invalid("Invalid webhook payload: " + string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")), errors);

    private const string UnpairedSurrogate = "must be valid text (it contains an unpaired surrogate escape)";

    /// <summary>
    /// The string value, false when it escapes an unpaired UTF-16 surrogate (<c>"\ud800"</c>): valid JSON
    /// that <see cref="JsonElement.GetString"/> refuses with an InvalidOperationException (found by fuzzing).
    /// </summary>
    private static bool TryGetText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static string? RequiredString(JsonElement parent, string name, string path, Dictionary<string, string[]> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors[path] = ["required"];
            return null;
        }

        if (StringValue(value, path, errors) is not { } text)
        {
            return null;
        }

        if (text.Length == 0)
        {
            errors[path] = ["must not be empty"];
            return null;
        }

        return text;
    }

    private static string? OptionalString(JsonElement parent, string name, string path, Dictionary<string, string[]> errors) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? StringValue(value, path, errors) : null;

    /// <summary>The text of a present, non-null value; null (with <paramref name="errors"/> filled) when it is no valid string.</summary>
    private static string? StringValue(JsonElement value, string path, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors[path] = ["must be a string"];
            return null;
        }

        if (!TryGetText(value, out var text))
        {
            errors[path] = [UnpairedSurrogate];
            return null;
        }

        return text;
    }

    /// <summary>A non-negative integer, as a JSON number or a numeric string (some senders quote it).</summary>
    private static long? OptionalSize(JsonElement parent, string name, string path, Dictionary<string, string[]> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        long size;
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out size),
            JsonValueKind.String => TryGetText(value, out var text) & long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size),
            _ => (size = 0) != 0,
        };
        if (!ok || size < 0)
        {
            errors[path] = ["must be a non-negative integer"];
            return null;
        }

        return size;
    }
}

using System.Text;
using System.Text.Json;

namespace EmgSessions.Core.Tests.Webhooks;

/// <summary>Webhook bodies as Supabase and the legacy callers send them.</summary>
internal static class WebhookPayloads
{
    public static byte[] Supabase(string type, string bucket, string name, long? size = 1234, string schema = "storage", string table = "objects")
    {
        var record = new Dictionary<string, object?>
        {
            ["id"] = "a3b7c9d2-0000-4000-8000-000000000001",
            ["bucket_id"] = bucket,
            ["name"] = name,
            ["owner"] = null,
            ["created_at"] = "2025-03-10T11:46:30.123456+00:00",
            ["updated_at"] = "2025-03-10T11:46:30.123456+00:00",
            ["last_accessed_at"] = "2025-03-10T11:46:30.123456+00:00",
            ["metadata"] = size is null ? null : new Dictionary<string, object?>
            {
                ["eTag"] = "\"5d41402abc4b2a76b9719d911017c592\"",
                ["size"] = size,
                ["mimetype"] = "application/octet-stream",
                ["cacheControl"] = "max-age=3600",
                ["lastModified"] = "2025-03-10T11:46:31.000Z",
                ["contentLength"] = size,
                ["httpStatusCode"] = 200,
            },
            ["path_tokens"] = name.Split('/'),
            ["version"] = "b1b0c6e4-7b0a-4b59-a1c4-000000000000",
            ["owner_id"] = null,
            ["user_metadata"] = null,
        };
        var payload = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["table"] = table,
            ["schema"] = schema,
            ["record"] = type == "DELETE" ? null : record,
            ["old_record"] = type == "INSERT" ? null : record,
        };
        return JsonSerializer.SerializeToUtf8Bytes(payload);
    }

    public static byte[] Legacy(string eventType, string bucket, string objectName, long? size = 1234) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["eventType"] = eventType,
            ["bucket"] = bucket,
            ["objectName"] = objectName,
            ["objectSize"] = size,
            ["contentType"] = "application/octet-stream",
            ["timestamp"] = "2025-03-10T11:46:30Z",
            ["metadata"] = new Dictionary<string, object?> { ["uploader"] = "game" },
        });

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}

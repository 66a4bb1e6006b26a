namespace EmgSessions.Core.Webhooks;

/// <summary>The two payloads of system.md §3.1.</summary>
public enum WebhookPayloadFormat
{
    /// <summary>A Supabase database webhook on <c>storage.objects</c>.</summary>
    SupabaseDatabase,

    /// <summary>The predecessor's legacy/manual format (<c>eventType</c>, <c>bucket</c>, <c>objectName</c>).</summary>
    Legacy,
}

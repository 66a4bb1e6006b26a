namespace EmgSessions.Hosting;

/// <summary>Whether the server may listen beyond loopback: only with API keys and a webhook secret.</summary>
internal sealed record ListenPolicy(bool HasApiKeys, bool HasWebhookSecret)
{
    public bool IsProtected => HasApiKeys && HasWebhookSecret;
}

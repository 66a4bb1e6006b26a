using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>
/// One entry of <c>warnings</c>: <c>{code, message}</c> as Phase 2 writes it; an entry that is a bare string or number
/// (an older writer's) has only its text as <see cref="Message"/> and <see cref="FromObject"/> false.
/// </summary>
internal sealed class AnalyticsWarning
{
    [JsonPropertyName("code")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? Message { get; set; }

    /// <summary>True for a <c>{code, message}</c> object.</summary>
    [JsonIgnore]
    public bool FromObject { get; set; } = true;
}

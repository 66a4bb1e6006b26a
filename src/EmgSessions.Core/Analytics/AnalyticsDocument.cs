using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmgSessions.Core.Analytics;

/// <summary>
/// The analytics document, typed: an <c>analytics_cache</c> entry as Phase 2 stores it (or as the predecessor did), an
/// analysis result (<c>emgs analyze --json</c>, the reference outputs) — <c>{"metadata": {…}, "analytics": {"CH1": {…}},
/// "warnings": […], "skipped_channels": […], "processing_params": {…}, "processing_version": …, "file_hash": …}</c>.
/// The one reader of that JSON: every part of the application that needs a value from it reads it here
/// (<see cref="Parse"/>, <see cref="TryParse"/>), through System.Text.Json's source generator
/// (<see cref="AnalyticsJsonContext"/>).
/// </summary>
/// <remarks>
/// Stored entries come from several writers and versions, so a member of an unexpected JSON kind reads as absent
/// (null, false, or left out of its list), never as an error: only text that is not JSON is refused. Members the
/// application does not read (temporal statistics, signal processing, …) are skipped unread.
/// </remarks>
internal sealed class AnalyticsDocument
{
    private bool _hasKnownMember;

    /// <summary><c>metadata</c>: the game's fields as stored (strings, numbers, …); null when absent or not an object.</summary>
    [JsonPropertyName("metadata")]
    [JsonConverter(typeof(AnalyticsMetadataConverter))]
    public IReadOnlyDictionary<string, JsonElement>? Metadata
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary><c>analytics</c>: the channels in the document's order; null when absent or not an object (no analytics).</summary>
    [JsonPropertyName("analytics")]
    [JsonConverter(typeof(AnalyticsChannelsConverter))]
    public IReadOnlyList<AnalyticsChannel>? Channels
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary><c>warnings</c>: what the analysis said about the recording.</summary>
    [JsonPropertyName("warnings")]
    [JsonConverter(typeof(AnalyticsWarningsConverter))]
    public IReadOnlyList<AnalyticsWarning>? Warnings
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary><c>skipped_channels</c>: the channels left out of the analysis, and why.</summary>
    [JsonPropertyName("skipped_channels")]
    [JsonConverter(typeof(AnalyticsSkippedChannelsConverter))]
    public IReadOnlyList<AnalyticsSkippedChannel>? SkippedChannels
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary><c>file_hash</c>: the SHA-256 of the file these analytics were computed from (entries since it was stored).</summary>
    [JsonPropertyName("file_hash")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? FileHash
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary><c>processing_version</c>: the analysis profile and revision that wrote the entry (<c>ghostly-v1+r2</c>).</summary>
    [JsonPropertyName("processing_version")]
    [JsonConverter(typeof(LenientTextConverter))]
    public string? ProcessingVersion
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary><c>processing_params</c>: the options the analysis used, as stored (any JSON, passed on unread).</summary>
    [JsonPropertyName("processing_params")]
    public JsonElement? ProcessingParams
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary>
    /// <c>session_parameters_used</c>: the options the analysis applied, with per channel the MVC and the % behind each
    /// applied threshold (emg-analysis.md §7.7); read through <see cref="MvcValueUsed"/> and <see cref="MvcPercentageUsed"/>.
    /// </summary>
    [JsonPropertyName("session_parameters_used")]
    public JsonElement? SessionParametersUsed
    {
        get;
        set
        {
            field = value;
            _hasKnownMember = true;
        }
    }

    /// <summary>The members this type does not name (<c>compat</c>, <c>cached_at</c>, or a bare channel map's channels).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherMembers { get; set; }

    /// <summary>True when the document holds an <c>analytics</c> object: the one meaning of "has analytics".</summary>
    [JsonIgnore]
    public bool HasAnalytics => Channels is not null;

    /// <summary>False for an empty object (<c>{}</c>: what a session without analytics stores).</summary>
    [JsonIgnore]
    public bool HasMembers => _hasKnownMember || OtherMembers is { Count: > 0 };

    /// <summary>
    /// The channels of <c>analytics</c>, or, for a document without an <c>analytics</c> object, the root itself read as a
    /// bare channel map (<c>{"CH1": {…}, "CH2": {…}}</c>): its object-valued members.
    /// </summary>
    public IReadOnlyList<AnalyticsChannel> ChannelsOrBareMap()
    {
        if (Channels is { } channels)
        {
            return channels;
        }

        var bare = new List<AnalyticsChannel>();
        foreach (var (name, value) in OtherMembers ?? [])
        {
            if (value.ValueKind == JsonValueKind.Object && value.Deserialize(AnalyticsJsonContext.Default.AnalyticsChannel) is { } channel)
            {
                channel.Name = name;
                bare.Add(channel);
            }
        }

        return bare;
    }

    /// <summary>
    /// The MVC (volts) behind the threshold of channel <paramref name="channel"/>:
    /// <c>session_parameters_used.session_mvc_values[channel]</c> when it is a positive finite number, else null (an
    /// entry without it, such as the predecessor's, or a channel without an applied threshold).
    /// </summary>
    public double? MvcValueUsed(string channel) => Positive(UsedValue("session_mvc_values", channel));

    /// <summary>The % of the MVC that made the threshold of <paramref name="channel"/> (<c>session_mvc_threshold_percentages</c>), or null.</summary>
    public double? MvcPercentageUsed(string channel) => Positive(UsedValue("session_mvc_threshold_percentages", channel));

    private double? UsedValue(string map, string channel) =>
        SessionParametersUsed is { ValueKind: JsonValueKind.Object } used
        && used.TryGetProperty(map, out var values) && values.ValueKind == JsonValueKind.Object
        && values.TryGetProperty(channel, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? number
            : null;

    private static double? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;

    /// <summary>
    /// Reads <paramref name="json"/>: null when it is null or blank or its root is not an object (<c>null</c>,
    /// <c>[]</c>, a number).
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static AnalyticsDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        if (json.AsSpan().TrimStart()[0] == '{')
        {
            return JsonSerializer.Deserialize(json, AnalyticsJsonContext.Default.AnalyticsDocument);
        }

        // Not an object: no document, but text that is not JSON is refused as for an object.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Skip();
        reader.Read();
        return null;
    }

    /// <summary>As <see cref="Parse"/>, and null for text that is not JSON as well: for readers that treat an unreadable entry as none.</summary>
    public static AnalyticsDocument? TryParse(string? json)
    {
        try
        {
            return Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmgSessions.Analysis;

public sealed partial record AnalysisOptions
{
    private static readonly string[] OptionNames =
    [
        "threshold_factor", "min_duration_ms", "smoothing_window", "session_mvc_value",
        "session_mvc_threshold_percentage", "session_mvc_values", "session_mvc_threshold_percentages",
        "contraction_duration_threshold", "session_duration_thresholds_per_muscle", "session_expected_contractions",
        "session_expected_contractions_ch1", "session_expected_contractions_ch2", "channel_muscle_mapping",
    ];

    /// <summary>
    /// <c>processing_params</c>: every option plus <c>"profile": "ghostly-v1"</c>, keys sorted ordinally at every
    /// level, nulls written, no whitespace. Equal options give equal text (the cache compares it).
    /// </summary>
    public string ToCanonicalJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, canonical: true);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the options as a JSON object: canonical (sorted, with the profile) or in §7.1 order (<c>session_parameters_used</c>).</summary>
    public void WriteJson(Utf8JsonWriter writer, bool canonical)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IEnumerable<string> given = Channels is null ? OptionNames : [.. OptionNames, "channels"];
        var names = canonical
            ? given.Append("profile").Order(StringComparer.Ordinal).ToArray()
            : given;
        writer.WriteStartObject();
        foreach (var name in names)
        {
            writer.WritePropertyName(name);
            switch (name)
            {
                case "profile": writer.WriteStringValue(Profile); break;
                case "threshold_factor": JsonNumbers.Write(writer, ThresholdFactor); break;
                case "min_duration_ms": writer.WriteNumberValue(MinDurationMs); break;
                case "smoothing_window": writer.WriteNumberValue(SmoothingWindow); break;
                case "session_mvc_value": JsonNumbers.Write(writer, SessionMvcValue); break;
                case "session_mvc_threshold_percentage": JsonNumbers.Write(writer, SessionMvcThresholdPercentage); break;
                case "session_mvc_values": WriteMap(writer, SessionMvcValues, canonical); break;
                case "session_mvc_threshold_percentages": WriteMap(writer, SessionMvcThresholdPercentages, canonical); break;
                case "contraction_duration_threshold": JsonNumbers.Write(writer, ContractionDurationThreshold); break;
                case "session_duration_thresholds_per_muscle": WriteMap(writer, SessionDurationThresholdsPerMuscle, canonical); break;
                case "session_expected_contractions": JsonNumbers.Write(writer, SessionExpectedContractions); break;
                case "session_expected_contractions_ch1": JsonNumbers.Write(writer, SessionExpectedContractionsCh1); break;
                case "session_expected_contractions_ch2": JsonNumbers.Write(writer, SessionExpectedContractionsCh2); break;
                case "channel_muscle_mapping": WriteMap(writer, ChannelMuscleMapping, canonical); break;
                case "channels": WriteList(writer, Channels!); break;
                default: throw new InvalidOperationException(name);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads options from a JSON object with the spec's names (missing keys keep their defaults; a <c>profile</c>
    /// key, if present, must be "ghostly-v1"). Validates the result.
    /// </summary>
    /// <exception cref="AnalysisOptionsException">Malformed JSON, an unknown key, a wrong type, or an invalid value.</exception>
    public static AnalysisOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new AnalysisOptionsException($"The options are not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new AnalysisOptionsException("The options must be a JSON object.");
            }

            var options = new AnalysisOptions();
            foreach (var property in root.EnumerateObject())
            {
                var value = property.Value;
                options = property.Name switch
                {
                    "profile" => value.ValueKind == JsonValueKind.String && value.GetString() == Profile
                        ? options
                        : throw new AnalysisOptionsException($"profile must be \"{Profile}\", got {value.GetRawText()}."),
                    "threshold_factor" => options with { ThresholdFactor = RequiredNumber(property) },
                    "min_duration_ms" => options with { MinDurationMs = RequiredInteger(property) },
                    "smoothing_window" => options with { SmoothingWindow = RequiredInteger(property) },
                    "session_mvc_value" => options with { SessionMvcValue = Number(property) },
                    "session_mvc_threshold_percentage" => options with { SessionMvcThresholdPercentage = Number(property) },
                    "session_mvc_values" => options with { SessionMvcValues = NumberMap(property) },
                    "session_mvc_threshold_percentages" => options with { SessionMvcThresholdPercentages = NumberMap(property) },
                    "contraction_duration_threshold" => options with { ContractionDurationThreshold = Number(property) },
                    "session_duration_thresholds_per_muscle" => options with { SessionDurationThresholdsPerMuscle = NumberMap(property) },
                    "session_expected_contractions" => options with { SessionExpectedContractions = Integer(property) },
                    "session_expected_contractions_ch1" => options with { SessionExpectedContractionsCh1 = Integer(property) },
                    "session_expected_contractions_ch2" => options with { SessionExpectedContractionsCh2 = Integer(property) },
                    "channel_muscle_mapping" => options with { ChannelMuscleMapping = StringMap(property) },
                    "channels" => options with { Channels = StringList(property) },
                    _ => throw new AnalysisOptionsException($"Unknown analysis option \"{property.Name}\"."),
                };
            }

            options.Validate();
            return options;
        }
    }

    private static double? Number(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => property.Value.GetDouble(),
        _ => throw new AnalysisOptionsException($"{property.Name} must be a number or null, got {property.Value.GetRawText()}."),
    };

    private static double RequiredNumber(JsonProperty property) =>
        Number(property) ?? throw new AnalysisOptionsException($"{property.Name} must be a number, got null.");

    private static int? Integer(JsonProperty property)
    {
        var number = Number(property);
        if (number is null)
        {
            return null;
        }

        if (number != Math.Floor(number.Value) || number < int.MinValue || number > int.MaxValue)
        {
            throw new AnalysisOptionsException($"{property.Name} must be an integer, got {property.Value.GetRawText()}.");
        }

        return (int)number.Value;
    }

    private static int RequiredInteger(JsonProperty property) =>
        Integer(property) ?? throw new AnalysisOptionsException($"{property.Name} must be an integer, got null.");

    private static Dictionary<string, double?>? NumberMap(JsonProperty property)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.Object)
        {
            throw new AnalysisOptionsException($"{property.Name} must be an object {{channel: number}} or null.");
        }

        var map = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var entry in property.Value.EnumerateObject())
        {
            map[entry.Name] = entry.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => entry.Value.GetDouble(),
                _ => throw new AnalysisOptionsException($"{property.Name}[{entry.Name}] must be a number or null."),
            };
        }

        return map;
    }

    private static Dictionary<string, string?>? StringMap(JsonProperty property)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.Object)
        {
            throw new AnalysisOptionsException($"{property.Name} must be an object {{channel: text}} or null.");
        }

        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in property.Value.EnumerateObject())
        {
            map[entry.Name] = entry.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => entry.Value.GetString(),
                _ => throw new AnalysisOptionsException($"{property.Name}[{entry.Name}] must be text or null."),
            };
        }

        return map;
    }

    private static string[]? StringList(JsonProperty property)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            throw new AnalysisOptionsException($"{property.Name} must be an array of channel names or null.");
        }

        return [.. property.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new AnalysisOptionsException($"{property.Name} must hold channel names (text), got {e.GetRawText()}."))];
    }

    private static void WriteList(Utf8JsonWriter writer, IReadOnlyList<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteMap<T>(Utf8JsonWriter writer, IReadOnlyDictionary<string, T>? map, bool canonical)
    {
        if (map is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        IEnumerable<KeyValuePair<string, T>> entries = canonical ? map.OrderBy(e => e.Key, StringComparer.Ordinal) : map;
        foreach (var (key, value) in entries)
        {
            writer.WritePropertyName(key);
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case double d: JsonNumbers.Write(writer, d); break;
                case string s: writer.WriteStringValue(s); break;
                default: throw new InvalidOperationException(typeof(T).Name);
            }
        }

        writer.WriteEndObject();
    }
}

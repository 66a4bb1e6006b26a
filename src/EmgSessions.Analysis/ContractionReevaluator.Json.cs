using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmgSessions.Analysis;

/// <summary>§7.8 on the stored JSON itself (the full result of §8.1 or the analytics-cache entry of system.md §5).</summary>
public static partial class ContractionReevaluator
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// As <see cref="Reevaluate(EmgAnalysisResult, AnalysisOptions)"/> on <paramref name="storedJson"/>: the same
    /// changes in place (per channel: the contraction flags, the three counts, both thresholds,
    /// <c>mvc_estimation_method</c>, <c>expected_contractions</c>; then <c>session_parameters_used</c>, and
    /// <c>processing_params</c> when present); every other value is kept as stored, text for text.
    /// </summary>
    /// <exception cref="FormatException">The text is not a stored analysis result.</exception>
    /// <exception cref="AnalysisOptionsException">As <see cref="Reevaluate(EmgAnalysisResult, AnalysisOptions)"/>.</exception>
    public static string ReevaluateJson(string storedJson, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(storedJson);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options = options.Frozen();
        var root = ParseStored(storedJson, out var analytics);
        var storedUsed = StoredOptions(root, "session_parameters_used") ?? AnalysisOptions.Default;
        if (StoredOptions(root, "processing_params") is { } storedOptions)
        {
            RejectDetectionChanges(storedOptions, options);
        }

        var values = Copy(options.SessionMvcValues);
        var percentages = Copy(options.SessionMvcThresholdPercentages);
        var applied = false;
        var position = 0;
        foreach (var (name, node) in analytics.ToArray())
        {
            if (node is not JsonObject channel)
            {
                throw NotStored($"analytics.{name} is not an object");
            }

            var (mvc, percentage, threshold) = ResolveMvc(options, name);
            var durationThreshold = EmgAnalyzer.DurationThreshold(options, name);
            var storedThreshold = Number(channel, "mvc_threshold_actual_value");
            var method = Method(
                name,
                channel["mvc_estimation_method"]?.GetValue<string>(),
                storedThreshold is null ? null : Lookup(storedUsed.SessionMvcValues, name),
                storedThreshold is null ? null : Lookup(storedUsed.SessionMvcThresholdPercentages, name),
                options,
                mvc,
                percentage,
                threshold);
            channel["expected_contractions"] = EmgAnalyzer.ExpectedContractions(options, position++);
            channel["mvc_threshold_actual_value"] = Value(threshold);
            channel["duration_threshold_actual_value"] = Value(durationThreshold);
            channel["mvc_estimation_method"] = method;
            if (threshold is not null)
            {
                values[name] = mvc;
                percentages[name] = percentage;
                applied = true;
            }

            if (channel["contraction_count"] is not null)
            {
                Reflag(channel, name, threshold, durationThreshold);
            }
        }

        var used = applied
            ? options with { SessionMvcValues = values.AsReadOnly(), SessionMvcThresholdPercentages = percentages.AsReadOnly() }
            : options;
        root["session_parameters_used"] = JsonNode.Parse(OptionsJson(used, canonical: false));
        if (root.ContainsKey("processing_params"))
        {
            root["processing_params"] = JsonNode.Parse(OptionsJson(options, canonical: true));
        }

        return root.ToJsonString(Output);
    }

    private static void Reflag(JsonObject channel, string name, double? threshold, double? durationThreshold)
    {
        if (channel["contractions"] is not JsonArray contractions)
        {
            throw NotStored($"analytics.{name}.contractions is not an array");
        }

        int good = 0, mvc = 0, duration = 0;
        foreach (var node in contractions)
        {
            if (node is not JsonObject contraction)
            {
                throw NotStored($"analytics.{name}.contractions holds a value that is not an object");
            }

            var (isGood, meetsMvc, meetsDuration) = Flags(Number(contraction, "max_amplitude"), Number(contraction, "duration_ms"), threshold, durationThreshold);
            contraction["is_good"] = isGood;
            contraction["meets_mvc"] = meetsMvc;
            contraction["meets_duration"] = meetsDuration;
            good += isGood ? 1 : 0;
            mvc += meetsMvc ? 1 : 0;
            duration += meetsDuration ? 1 : 0;
        }

        channel["good_contraction_count"] = good;
        channel["mvc_contraction_count"] = mvc;
        channel["duration_contraction_count"] = duration;
    }

    private static JsonObject ParseStored(string json, out JsonObject analytics)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw NotStored($"it is not valid JSON ({e.Message})");
        }

        if (node is not JsonObject root || root["analytics"] is not JsonObject found)
        {
            throw NotStored("it has no \"analytics\" object");
        }

        analytics = found;
        return root;
    }

    private static AnalysisOptions? StoredOptions(JsonObject root, string key)
    {
        if (root[key] is not JsonObject stored)
        {
            return null;
        }

        try
        {
            return AnalysisOptions.FromJson(stored.ToJsonString());
        }
        catch (AnalysisOptionsException e)
        {
            throw NotStored($"its \"{key}\" cannot be read ({e.Message})");
        }
    }

    private static double? Number(JsonObject node, string key)
    {
        try
        {
            return node[key]?.GetValue<double>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw NotStored($"\"{key}\" is not a number");
        }
    }

    private static JsonValue? Value(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static string OptionsJson(AnalysisOptions options, bool canonical)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            options.WriteJson(writer, canonical);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Dictionary<string, double?> Copy(IReadOnlyDictionary<string, double?>? map)
    {
        var copy = new Dictionary<string, double?>(StringComparer.Ordinal);
        if (map is not null)
        {
            foreach (var (key, value) in map)
            {
                copy[key] = value;
            }
        }

        return copy;
    }

    private static FormatException NotStored(string reason) =>
        new($"The stored analysis cannot be re-evaluated: {reason}. Re-run the analysis to store a complete result.");
}

using System.Collections.ObjectModel;

namespace EmgSessions.Analysis;

/// <summary>
/// The options of profile <c>ghostly-v1</c> (emg-analysis.md §7.1), named in JSON as in the spec. Immutable:
/// the analysis never changes them and returns the values it applied separately (<c>session_parameters_used</c>).
/// Per-channel maps are keyed by base name ("CH1"); a present-but-null entry means "not given".
/// </summary>
public sealed partial record AnalysisOptions
{
    /// <summary>The profile these options belong to.</summary>
    public const string Profile = "ghostly-v1";

    /// <summary>Merge gap of the profile (ms).</summary>
    public const double MergeGapMs = 200;

    /// <summary>Refractory period of the profile (ms).</summary>
    public const double RefractoryMs = 50;

    public static AnalysisOptions Default { get; } = new();

    /// <summary><c>threshold_factor</c>: fraction of the smoothed envelope's maximum, in (0, 1].</summary>
    public double ThresholdFactor { get; init; } = 0.20;

    /// <summary><c>min_duration_ms</c>: minimum contraction length, ≥ 0.</summary>
    public int MinDurationMs { get; init; } = 100;

    /// <summary><c>smoothing_window</c>: detection smoothing in samples (K3), ≥ 1.</summary>
    public int SmoothingWindow { get; init; } = 100;

    /// <summary><c>session_mvc_value</c>: global MVC in volts.</summary>
    public double? SessionMvcValue { get; init; }

    /// <summary><c>session_mvc_threshold_percentage</c>: 0–100.</summary>
    public double? SessionMvcThresholdPercentage { get; init; } = 75.0;

    /// <summary><c>session_mvc_values</c>: per-channel MVC in volts.</summary>
    public IReadOnlyDictionary<string, double?>? SessionMvcValues { get; init; }

    /// <summary><c>session_mvc_threshold_percentages</c>: per-channel %, 0–100.</summary>
    public IReadOnlyDictionary<string, double?>? SessionMvcThresholdPercentages { get; init; }

    /// <summary><c>contraction_duration_threshold</c>: global duration threshold in milliseconds.</summary>
    public double? ContractionDurationThreshold { get; init; } = 2000;

    /// <summary><c>session_duration_thresholds_per_muscle</c>: per-channel duration thresholds in <b>seconds</b> (K13).</summary>
    public IReadOnlyDictionary<string, double?>? SessionDurationThresholdsPerMuscle { get; init; }

    /// <summary><c>session_expected_contractions</c>.</summary>
    public int? SessionExpectedContractions { get; init; }

    /// <summary><c>session_expected_contractions_ch1</c>: for the first sorted base (positional, §7.6).</summary>
    public int? SessionExpectedContractionsCh1 { get; init; }

    /// <summary><c>session_expected_contractions_ch2</c>: for the second sorted base.</summary>
    public int? SessionExpectedContractionsCh2 { get; init; }

    /// <summary><c>channel_muscle_mapping</c>: display only, echoed.</summary>
    public IReadOnlyDictionary<string, string?>? ChannelMuscleMapping { get; init; }

    /// <summary>
    /// <c>channels</c>: the channels to analyse, by label or base name ("CH1" selects "CH1 Raw" and "CH1 activated").
    /// Null (the default): every channel whose unit and label do not say it is something other than EMG. Written
    /// to JSON only when given, so the default options keep their canonical text.
    /// </summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>Checks every option; throws <see cref="AnalysisOptionsException"/> naming the first wrong one.</summary>
    public void Validate()
    {
        if (!(ThresholdFactor > 0 && ThresholdFactor <= 1))
        {
            throw new AnalysisOptionsException($"threshold_factor must be in (0, 1], got {ThresholdFactor}.");
        }

        if (MinDurationMs < 0)
        {
            throw new AnalysisOptionsException($"min_duration_ms must be ≥ 0, got {MinDurationMs}.");
        }

        if (SmoothingWindow < 1)
        {
            throw new AnalysisOptionsException($"smoothing_window must be ≥ 1 sample, got {SmoothingWindow}.");
        }

        CheckNonNegative("session_mvc_value", SessionMvcValue);
        CheckPercentage("session_mvc_threshold_percentage", SessionMvcThresholdPercentage);
        CheckNonNegative("contraction_duration_threshold", ContractionDurationThreshold);
        CheckCount("session_expected_contractions", SessionExpectedContractions);
        CheckCount("session_expected_contractions_ch1", SessionExpectedContractionsCh1);
        CheckCount("session_expected_contractions_ch2", SessionExpectedContractionsCh2);
        foreach (var (channel, value) in Entries(SessionMvcValues, "session_mvc_values"))
        {
            CheckNonNegative($"session_mvc_values[{channel}]", value);
        }

        foreach (var (channel, value) in Entries(SessionMvcThresholdPercentages, "session_mvc_threshold_percentages"))
        {
            CheckPercentage($"session_mvc_threshold_percentages[{channel}]", value);
        }

        foreach (var (channel, value) in Entries(SessionDurationThresholdsPerMuscle, "session_duration_thresholds_per_muscle"))
        {
            CheckNonNegative($"session_duration_thresholds_per_muscle[{channel}]", value);
        }

        if (ChannelMuscleMapping is not null)
        {
            foreach (var channel in ChannelMuscleMapping.Keys)
            {
                CheckKey("channel_muscle_mapping", channel);
            }
        }

        if (Channels is not null)
        {
            if (Channels.Count == 0)
            {
                throw new AnalysisOptionsException("channels must name at least one channel, or be null for every EMG channel.");
            }

            foreach (var channel in Channels)
            {
                CheckKey("channels", channel);
            }
        }
    }

    /// <summary>A deep, read-only copy (the maps are copied, so later changes to the caller's dictionaries do not leak in).</summary>
    internal AnalysisOptions Frozen() => this with
    {
        SessionMvcValues = Freeze(SessionMvcValues),
        SessionMvcThresholdPercentages = Freeze(SessionMvcThresholdPercentages),
        SessionDurationThresholdsPerMuscle = Freeze(SessionDurationThresholdsPerMuscle),
        ChannelMuscleMapping = Freeze(ChannelMuscleMapping),
        Channels = Channels is null ? null : Array.AsReadOnly(Channels.ToArray()),
    };

    private static ReadOnlyDictionary<string, T>? Freeze<T>(IReadOnlyDictionary<string, T>? map) =>
        map is null ? null : new ReadOnlyDictionary<string, T>(map.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));

    private static IEnumerable<KeyValuePair<string, double?>> Entries(IReadOnlyDictionary<string, double?>? map, string name)
    {
        if (map is null)
        {
            yield break;
        }

        foreach (var entry in map)
        {
            CheckKey(name, entry.Key);
            yield return entry;
        }
    }

    private static void CheckKey(string name, string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new AnalysisOptionsException($"{name} has an empty channel name.");
        }
    }

    private static void CheckNonNegative(string name, double? value)
    {
        if (value is { } v && !(double.IsFinite(v) && v >= 0))
        {
            throw new AnalysisOptionsException($"{name} must be a finite number ≥ 0, got {v}.");
        }
    }

    private static void CheckPercentage(string name, double? value)
    {
        if (value is { } v && !(v >= 0 && v <= 100))
        {
            throw new AnalysisOptionsException($"{name} must be a percentage in 0–100, got {v}.");
        }
    }

    private static void CheckCount(string name, int? value)
    {
        if (value is < 0)
        {
            throw new AnalysisOptionsException($"{name} must be ≥ 0, got {value}.");
        }
    }
}

using EmgSessions.Analysis.Numerics;
using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis;

/// <summary>
/// The EMG analysis of profile <c>ghostly-v1</c> (docs: emg-analysis.md). Pure and deterministic: the same
/// recording and options give the same result, whatever the machine's load; base channels are analysed in
/// parallel into fixed slots.
/// </summary>
public static class EmgAnalyzer
{
    /// <summary>The profile this analyzer reproduces.</summary>
    public const string Profile = AnalysisOptions.Profile;

    /// <summary>Stored with cached results; bump the revision whenever an output value may change.</summary>
    public const string ProcessingVersion = Profile + "+r1";

    /// <summary>The sampling rate used when ANALOG:RATE is missing or 0 (K11).</summary>
    public const double FallbackSamplingRate = 2000;

    /// <summary>Analyses every base channel of <paramref name="recording"/>.</summary>
    /// <exception cref="AnalysisOptionsException">The options are invalid.</exception>
    public static EmgAnalysisResult Analyze(EmgRecording recording, AnalysisOptions? options = null) =>
        Analyze(recording, options, parallel: Environment.ProcessorCount > 1);

    /// <summary>As <see cref="Analyze(EmgRecording, AnalysisOptions?)"/>, on the calling thread only when <paramref name="parallel"/> is false (same result).</summary>
    internal static EmgAnalysisResult Analyze(EmgRecording recording, AnalysisOptions? options, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(recording);
        options ??= AnalysisOptions.Default;
        options.Validate();
        options = options.Frozen();

        var samplingRate = recording.SamplingRate is { } rate && double.IsFinite(rate) && rate > 0 ? rate : FallbackSamplingRate;
        var layout = ChannelLayout.Discover(recording);
        var frequencies = new double[Welch.Bins];
        Welch.Frequencies(samplingRate, frequencies);

        var bases = layout.Bases;
        var analytics = new ChannelAnalysis[bases.Count];
        void AnalyzeOne(int b)
        {
            var (name, signalIndex) = bases[b];
            var signal = signalIndex is { } i ? recording.Channels[i] : null;
            analytics[b] = ChannelAnalyzer.Analyze(name, signal, samplingRate, frequencies, options, DurationThreshold(options, name), parallel) with
            {
                ExpectedContractions = ExpectedContractions(options, b),
            };
        }

        if (bases.Count > 1 && parallel)
        {
            Parallel.For(0, bases.Count, AnalyzeOne);
        }
        else
        {
            for (var b = 0; b < bases.Count; b++)
            {
                AnalyzeOne(b);
            }
        }

        var processed = analytics.Where(a => a.HasEnvelope).Select(a => a.Name).ToArray();
        return new EmgAnalysisResult(
            MetadataReader.Read(recording.Parameters),
            analytics,
            layout.AvailableChannels(processed),
            layout.CompatAvailableChannels(processed),
            SessionParametersUsed(options, analytics),
            options,
            samplingRate);
    }

    /// <summary>§7.5: the per-muscle value (seconds) × 1000, else the global threshold (ms), else null (F7).</summary>
    internal static double? DurationThreshold(AnalysisOptions options, string channel) =>
        options.SessionDurationThresholdsPerMuscle is { } perMuscle && perMuscle.TryGetValue(channel, out var seconds) && seconds is { } s
            ? s * 1000.0
            : options.ContractionDurationThreshold;

    /// <summary>§7.6: the first sorted base uses _ch1, the second _ch2, when given; otherwise the global value.</summary>
    internal static int? ExpectedContractions(AnalysisOptions options, int position) => position switch
    {
        0 => options.SessionExpectedContractionsCh1 ?? options.SessionExpectedContractions,
        1 => options.SessionExpectedContractionsCh2 ?? options.SessionExpectedContractions,
        _ => options.SessionExpectedContractions,
    };

    /// <summary>§7.7: a copy of the options with the MVC and % applied per channel (F4, D4).</summary>
    internal static AnalysisOptions SessionParametersUsed(AnalysisOptions options, IReadOnlyList<ChannelAnalysis> analytics)
    {
        var values = Copy(options.SessionMvcValues);
        var percentages = Copy(options.SessionMvcThresholdPercentages);
        var any = false;
        foreach (var channel in analytics)
        {
            if (channel.MvcThresholdActualValue is not null)
            {
                values[channel.Name] = channel.MvcValueUsed;
                percentages[channel.Name] = channel.MvcPercentageUsed;
                any = true;
            }
        }

        return any
            ? options with { SessionMvcValues = values.AsReadOnly(), SessionMvcThresholdPercentages = percentages.AsReadOnly() }
            : options;
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
}

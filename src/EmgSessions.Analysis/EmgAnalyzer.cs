using EmgSessions.Analysis.Numerics;
using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis;

/// <summary>
/// The EMG analysis of profile <c>ghostly-v1</c> (docs: emg-analysis.md). Pure and deterministic: the same
/// recording and options give the same result, whatever the machine's load; the work of the base channels runs in
/// parallel into fixed slots (ChannelAnalyzer.AnalyzeAll).
/// </summary>
public static class EmgAnalyzer
{
    /// <summary>The profile this analyzer reproduces.</summary>
    public const string Profile = AnalysisOptions.Profile;

    /// <summary>
    /// Stored with cached results; bump the revision whenever an output value may change. r2: channels that are not
    /// EMG are skipped, the rate is the reader's, and results carry <c>warnings</c> and <c>skipped_channels</c>.
    /// </summary>
    public const string ProcessingVersion = Profile + "+r2";

    /// <summary>The sampling rate used when ANALOG:RATE is missing or 0 (K11).</summary>
    public const double FallbackSamplingRate = 2000;

    /// <summary>Analyses every base channel of <paramref name="recording"/> that is EMG (or that the options name).</summary>
    /// <exception cref="AnalysisOptionsException">The options are invalid.</exception>
    /// <exception cref="EmgAnalysisException">No channel is EMG, a requested channel is missing, or there is no sample at all.</exception>
    public static EmgAnalysisResult Analyze(EmgRecording recording, AnalysisOptions? options = null) =>
        Analyze(recording, options, parallel: Environment.ProcessorCount > 1);

    /// <summary>As <see cref="Analyze(EmgRecording, AnalysisOptions?)"/>, on the calling thread only when <paramref name="parallel"/> is false (same result, bit for bit).</summary>
    public static EmgAnalysisResult Analyze(EmgRecording recording, AnalysisOptions? options, bool parallel)
    {
        ArgumentNullException.ThrowIfNull(recording);
        options ??= AnalysisOptions.Default;
        options.Validate();
        options = options.Frozen();

        var warnings = new List<RecordingWarning>(recording.Warnings);
        var samplingRate = recording.SamplingRate is { } rate && double.IsFinite(rate) && rate > 0 ? rate : FallbackSamplingRate;
        if (samplingRate != recording.SamplingRate)
        {
            warnings.Add(new RecordingWarning("SamplingRateAssumed",
                $"The file gives no usable analog sampling rate; {FallbackSamplingRate:0} Hz is assumed, so every time and frequency depends on that guess."));
        }

        var (selected, skipped) = Select(recording, options);
        var layout = ChannelLayout.Discover(selected);
        var frequencies = new double[Welch.Bins];
        Welch.Frequencies(samplingRate, frequencies);

        var bases = layout.Bases;
        var inputs = new ChannelInput[bases.Count];
        for (var b = 0; b < bases.Count; b++)
        {
            var (name, signalIndex) = bases[b];
            inputs[b] = new ChannelInput(name, signalIndex is { } i ? selected.Channels[i] : null, DurationThreshold(options, name));
        }

        var analytics = ChannelAnalyzer.AnalyzeAll(inputs, samplingRate, frequencies, options, parallel);
        for (var b = 0; b < analytics.Length; b++)
        {
            analytics[b] = analytics[b] with { ExpectedContractions = ExpectedContractions(options, b) };
        }

        var processed = analytics.Where(a => a.HasEnvelope).Select(a => a.Name).ToArray();
        return new EmgAnalysisResult(
            MetadataReader.Read(recording.Parameters),
            analytics,
            layout.AvailableChannels(processed),
            layout.CompatAvailableChannels(processed),
            SessionParametersUsed(options, analytics),
            options,
            samplingRate,
            warnings,
            skipped);
    }

    /// <summary>
    /// Which of a recording's <paramref name="channelCount"/> analog channels <see cref="Analyze(EmgRecording, AnalysisOptions?, bool)"/>
    /// reads the samples of, from the labels and units alone: the signal channel of each analysed base (§4.2; not the
    /// "activated" channels beside it, nor channels that are not EMG). A reader may leave the other channels empty: the
    /// result is the same, bit for bit. When the options or channels would make the analysis fail, every channel is
    /// marked, so the failure and its message are the same too.
    /// </summary>
    public static bool[] ChannelsRead(IReadOnlyList<string?> labels, IReadOnlyList<string?> units, int channelCount, AnalysisOptions? options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(units);
        var read = new bool[Math.Max(0, channelCount)];
        try
        {
            options ??= AnalysisOptions.Default;
            options.Validate();
            var probe = new EmgRecording(labels, Enumerable.Repeat(Array.Empty<double>(), read.Length).ToArray(), null, null, units);
            var all = ChannelSelection.Labels(probe);
            var (kept, _) = ChannelSelection.Select(probe, all, options.Channels);
            var layout = ChannelLayout.Discover(new EmgRecording([.. kept.Select(i => all[i])], [.. kept.Select(_ => Array.Empty<double>())], null));
            foreach (var (_, signalIndex) in layout.Bases)
            {
                if (signalIndex is { } i)
                {
                    read[kept[i]] = true;
                }
            }

            if (kept.Length > 0 && !read.Any(r => r))
            {
                // No base has a signal channel: one kept channel still tells "no samples at all" from "nothing to process".
                read[kept[0]] = true;
            }

            if (kept.Length == 0)
            {
                Array.Fill(read, true);
            }
        }
        catch (Exception e) when (e is AnalysisOptionsException or EmgAnalysisException)
        {
            Array.Fill(read, true);
        }

        return read;
    }

    /// <summary>
    /// The recording reduced to the channels to analyse (labels already resolved), and the channels left out.
    /// Throws when nothing analysable remains, saying why.
    /// </summary>
    private static (EmgRecording Selected, IReadOnlyList<SkippedChannel> Skipped) Select(EmgRecording recording, AnalysisOptions options)
    {
        if (recording.Channels.Count == 0)
        {
            throw new EmgAnalysisException("The recording has no analog channels: there is nothing to analyse.");
        }

        var labels = ChannelSelection.Labels(recording);
        var (kept, skipped) = ChannelSelection.Select(recording, labels, options.Channels);
        if (kept.Length == 0)
        {
            var reasons = string.Join("; ", skipped.Take(8).Select(s => $"{s.Channel}: {s.Reason}"));
            var more = skipped.Count > 8 ? $"; and {skipped.Count - 8} more" : "";
            throw new EmgAnalysisException(
                $"The recording has no EMG channel: {reasons}{more}. Name the channels to analyse explicitly if they are EMG.");
        }

        if (kept.All(i => recording.Channels[i].Length == 0))
        {
            throw new EmgAnalysisException("The recording holds no samples: every channel to analyse is empty, so the upload is probably incomplete.");
        }

        var selected = new EmgRecording(
            [.. kept.Select(i => labels[i])], [.. kept.Select(i => recording.Channels[i])], recording.SamplingRate, recording.Parameters);
        return (selected, skipped);
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

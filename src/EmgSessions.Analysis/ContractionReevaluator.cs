using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis;

/// <summary>
/// Re-evaluation without reprocessing (emg-analysis.md §7.8): new MVC and duration thresholds applied to a stored
/// result's contractions. The contractions themselves (times, amplitudes) are kept; only the flags, the counts,
/// the thresholds and <c>expected_contractions</c> change. Detection options (<c>threshold_factor</c>,
/// <c>min_duration_ms</c>, <c>smoothing_window</c>) move the contractions, so changing them needs a full analysis.
/// </summary>
public static partial class ContractionReevaluator
{
    /// <summary>
    /// Applies <paramref name="options"/> to <paramref name="stored"/>. Per base: MVC = <c>session_mvc_values[B]</c>
    /// or <c>session_mvc_value</c>, % = <c>session_mvc_threshold_percentages[B]</c> or
    /// <c>session_mvc_threshold_percentage</c>; the threshold is mvc·(pct/100) when both are known, else none (so
    /// without the stored <c>session_parameters_used</c> sent back, no contraction meets the MVC). The duration
    /// threshold follows §7.5. <c>available_channels</c> is kept as stored (F10).
    /// </summary>
    /// <exception cref="AnalysisOptionsException">
    /// The options are invalid, or they change a detection option, which only a new analysis can apply.
    /// </exception>
    public static EmgAnalysisResult Reevaluate(EmgAnalysisResult stored, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options = options.Frozen();
        RejectDetectionChanges(stored.Options, options);

        var analytics = new ChannelAnalysis[stored.Analytics.Count];
        for (var b = 0; b < analytics.Length; b++)
        {
            analytics[b] = Reevaluate(stored.Analytics[b], options, b);
        }

        return new EmgAnalysisResult(
            stored.Metadata,
            analytics,
            stored.AvailableChannels,
            stored.CompatAvailableChannels,
            EmgAnalyzer.SessionParametersUsed(options, analytics),
            options,
            stored.SamplingRate,
            stored.Warnings,
            stored.SkippedChannels);
    }

    private static ChannelAnalysis Reevaluate(ChannelAnalysis channel, AnalysisOptions options, int position)
    {
        var (mvc, percentage, threshold) = ResolveMvc(options, channel.Name);
        var durationThreshold = EmgAnalyzer.DurationThreshold(options, channel.Name);
        var result = channel with
        {
            ExpectedContractions = EmgAnalyzer.ExpectedContractions(options, position),
            MvcThresholdActualValue = threshold,
            DurationThresholdActualValue = durationThreshold,
            MvcEstimationMethod = Method(channel.Name, channel.MvcEstimationMethod, channel.MvcValueUsed, channel.MvcPercentageUsed, options, mvc, percentage, threshold),
            MvcValueUsed = threshold is null ? null : mvc,
            MvcPercentageUsed = threshold is null ? null : percentage,
        };

        if (channel.ContractionCount is null)
        {
            // No envelope, so no contractions: the counts stay absent, as a full analysis leaves them.
            return result;
        }

        var flagged = Reflag(channel.Contractions, threshold, durationThreshold);
        return result with
        {
            Contractions = flagged,
            GoodContractionCount = flagged.Count(c => c.IsGood),
            MvcContractionCount = flagged.Count(c => c.MeetsMvc),
            DurationContractionCount = flagged.Count(c => c.MeetsDuration),
        };
    }

    private static Contraction[] Reflag(IReadOnlyList<Contraction> contractions, double? mvcThreshold, double? durationThresholdMs)
    {
        var flagged = new Contraction[contractions.Count];
        for (var i = 0; i < flagged.Length; i++)
        {
            var c = contractions[i];
            var (isGood, meetsMvc, meetsDuration) = Flags(c.MaxAmplitude, c.DurationMs, mvcThreshold, durationThresholdMs);
            flagged[i] = c with { IsGood = isGood, MeetsMvc = meetsMvc, MeetsDuration = meetsDuration };
        }

        return flagged;
    }

    /// <summary>§7.2 step 8 on a stored max_amplitude and duration_ms; a duration threshold of 0 counts as absent (F2).</summary>
    private static (bool IsGood, bool MeetsMvc, bool MeetsDuration) Flags(double? maxAmplitude, double? durationMs, double? mvcThreshold, double? durationThresholdMs)
    {
        var hasMvc = mvcThreshold.HasValue;
        var hasDuration = durationThresholdMs is { } d && d != 0;
        var meetsMvc = hasMvc && maxAmplitude >= mvcThreshold!.Value;
        var meetsDuration = hasDuration && durationMs >= durationThresholdMs!.Value;
        var isGood = (hasMvc, hasDuration) switch
        {
            (true, true) => meetsMvc && meetsDuration,
            (true, false) => meetsMvc,
            (false, true) => meetsDuration,
            _ => false,
        };
        return (isGood, meetsMvc, meetsDuration);
    }

    /// <summary>
    /// The stored method when the MVC and % are the ones the stored result applied (re-evaluating with its own
    /// <c>session_parameters_used</c> changes nothing); otherwise where the new MVC came from, or null without one.
    /// </summary>
    private static string? Method(
        string channel, string? storedMethod, double? storedMvc, double? storedPercentage, AnalysisOptions options, double? mvc, double? percentage, double? threshold)
    {
        if (threshold is null)
        {
            return null;
        }

        if (storedMethod is not null && mvc == storedMvc && percentage == storedPercentage)
        {
            return storedMethod;
        }

        return Lookup(options.SessionMvcValues, channel) is not null ? MvcThreshold.UserProvided : MvcThreshold.GlobalProvided;
    }

    /// <summary>§7.8: the channel's MVC and % filled from the global ones, and mvc·(pct/100) when both are known.</summary>
    private static (double? Mvc, double? Percentage, double? Threshold) ResolveMvc(AnalysisOptions options, string channel)
    {
        var mvc = Lookup(options.SessionMvcValues, channel) ?? options.SessionMvcValue;
        var percentage = Lookup(options.SessionMvcThresholdPercentages, channel) ?? options.SessionMvcThresholdPercentage;
        return (mvc, percentage, mvc is { } m && percentage is { } p ? m * (p / 100.0) : null);
    }

    private static void RejectDetectionChanges(AnalysisOptions stored, AnalysisOptions requested)
    {
        // ThresholdFactor is compared exactly: any change moves the runs.
        if (requested.ThresholdFactor != stored.ThresholdFactor)
        {
            throw new AnalysisOptionsException(
                $"threshold_factor cannot be changed without reprocessing (stored {stored.ThresholdFactor}, requested {requested.ThresholdFactor}); " +
                "send the stored value or run a new analysis.");
        }

        if (requested.MinDurationMs != stored.MinDurationMs)
        {
            throw new AnalysisOptionsException(
                $"min_duration_ms cannot be changed without reprocessing (stored {stored.MinDurationMs}, requested {requested.MinDurationMs}); " +
                "send the stored value or run a new analysis.");
        }

        if (requested.SmoothingWindow != stored.SmoothingWindow)
        {
            throw new AnalysisOptionsException(
                $"smoothing_window cannot be changed without reprocessing (stored {stored.SmoothingWindow}, requested {requested.SmoothingWindow}); " +
                "send the stored value or run a new analysis.");
        }

        // The channel list decides which signals were analysed at all; leaving it out keeps the stored choice.
        if (requested.Channels is { } channels && !channels.SequenceEqual(stored.Channels ?? [], StringComparer.Ordinal))
        {
            throw new AnalysisOptionsException(
                "channels cannot be changed without reprocessing: they decide which signals were analysed; " +
                "leave channels out or run a new analysis.");
        }
    }

    private static double? Lookup(IReadOnlyDictionary<string, double?>? map, string channel) =>
        map is not null && map.TryGetValue(channel, out var value) ? value : null;
}

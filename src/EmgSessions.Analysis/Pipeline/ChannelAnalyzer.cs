using System.Buffers;
using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Pipeline;

/// <summary>One base channel through §6 (raw metrics), §5 (validation, envelope) and §7 (thresholds, contractions).</summary>
internal static class ChannelAnalyzer
{
    /// <summary>Percentile of |envelope| used as the backend MVC estimate (K7).</summary>
    public const double MvcPercentile = 95;

    public static ChannelAnalysis Analyze(
        string name,
        double[]? signal,
        double samplingRate,
        double[] frequencies,
        AnalysisOptions options,
        double? durationThresholdMs,
        bool parallel = false)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (signal is null)
        {
            var message = $"No RAW signal available for {name} - cannot perform rigorous analysis";
            errors.Add(new("signal_processing", message));
            return Failed(name, source: null, message, options, durationThresholdMs, errors) with
            {
                Rms = null,
                Mav = null,
            };
        }

        // The raw-signal metrics and the envelope path share nothing mutable: run them side by side.
        RawMetrics raw = null!;
        (ChannelAnalysis? Analysis, string? Invalid) processed = default;
        var rawErrors = new List<KeyValuePair<string, string>>();
        var processedErrors = new List<KeyValuePair<string, string>>();
        if (parallel)
        {
            Parallel.Invoke(
                () => raw = ComputeRawMetrics(signal, samplingRate, frequencies, rawErrors),
                () => processed = Processed(name, signal, samplingRate, options, durationThresholdMs, processedErrors));
        }
        else
        {
            raw = ComputeRawMetrics(signal, samplingRate, frequencies, rawErrors);
            processed = Processed(name, signal, samplingRate, options, durationThresholdMs, processedErrors);
        }

        errors.AddRange(rawErrors);
        errors.AddRange(processedErrors);
        var result = processed.Analysis ?? Failed(name, "RAW", processed.Invalid!, options, durationThresholdMs, errors);
        return result with
        {
            Rms = raw.Rms,
            Mav = raw.Mav,
            Mpf = raw.Spectral.MeanFrequency,
            Mdf = raw.Spectral.MedianFrequency,
            FatigueIndexFiNsm5 = raw.Spectral.FatigueIndex,
            RmsTemporalStats = raw.Temporal?.Rms,
            MavTemporalStats = raw.Temporal?.Mav,
            FatigueIndexTemporalStats = raw.Temporal?.FatigueIndex,
            MpfTemporalStats = raw.Temporal?.Mpf,
            MdfTemporalStats = raw.Temporal?.Mdf,
            Errors = errors.Count == 0 ? null : errors,
        };
    }

    /// <summary>§6 on the raw signal: rms, mav, spectral metrics and temporal statistics (computed before validation).</summary>
    private static RawMetrics ComputeRawMetrics(double[] signal, double samplingRate, double[] frequencies, List<KeyValuePair<string, string>> errors)
    {
        var x = signal.AsSpan();
        var rms = Statistics.Rms(x);
        var mav = Statistics.MeanAbsolute(x);
        var spectral = SpectralMetrics.None;
        try
        {
            spectral = SpectralMetrics.Compute(x, samplingRate, frequencies, new SpectralWorkspace());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            errors.Add(new("mpf", "Analysis failed: " + e.Message));
            errors.Add(new("mdf", "Analysis failed: " + e.Message));
            errors.Add(new("fatigue_index_fi_nsm5", "Analysis failed: " + e.Message));
        }

        TemporalAnalyzer.Result? temporal = null;
        try
        {
            temporal = TemporalAnalyzer.Compute(x, samplingRate, frequencies);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            errors.Add(new("temporal_stats", "Temporal analysis failed: " + e.Message));
        }

        return new RawMetrics(rms, mav, spectral, temporal);
    }

    /// <summary>§5 and §7: validation, envelope, MVC threshold and contractions; no analysis but the reason when validation fails.</summary>
    private static (ChannelAnalysis? Analysis, string? Invalid) Processed(
        string name,
        double[] signal,
        double samplingRate,
        AnalysisOptions options,
        double? durationThresholdMs,
        List<KeyValuePair<string, string>> errors)
    {
        var x = signal.AsSpan();
        var invalid = EnvelopeBuilder.Validate(x, out var std);
        if (invalid is not null)
        {
            errors.Add(new("signal_processing", "Signal processing failed: " + invalid));
            return (null, invalid);
        }

        var n = x.Length;
        var envelopeArray = ArrayPool<double>.Shared.Rent(n);
        var scratchArray = ArrayPool<double>.Shared.Rent(n + (2 * ZeroPhaseFilter.PadLength));
        try
        {
            var envelope = envelopeArray.AsSpan(0, n);
            var scratch = scratchArray.AsSpan(0, n + (2 * ZeroPhaseFilter.PadLength));
            var report = EnvelopeBuilder.Build(x, samplingRate, envelope, scratch);
            report = report with
            {
                OriginalSignalStats = Describe(x, std),
                ProcessedSignalStats = Describe(envelope, Statistics.PopulationStd(envelope)),
            };

            var mvc = MvcThreshold.Resolve(options, name, () => Percentile.OfAbsolute(envelopeArray.AsSpan(0, n), MvcPercentile, scratchArray));
            var threshold = mvc.Threshold;
            var result = new ChannelAnalysis
            {
                Name = name,
                SignalProcessing = report,
                MvcThresholdActualValue = threshold,
                DurationThresholdActualValue = durationThresholdMs,
                MvcEstimationMethod = mvc.Method,
                MvcValueUsed = mvc.Mvc,
                MvcPercentageUsed = mvc.Percentage,
            };

            try
            {
                var runs = ContractionDetector.FindRuns(envelope, samplingRate, DetectionSettings.From(options));
                var summary = ContractionDetector.Summarise(envelope, samplingRate, runs, threshold, durationThresholdMs);
                result = result with
                {
                    ContractionCount = summary.Contractions.Count,
                    AvgDurationMs = summary.AvgDurationMs,
                    MinDurationMs = summary.MinDurationMs,
                    MaxDurationMs = summary.MaxDurationMs,
                    TotalTimeUnderTensionMs = summary.TotalTimeUnderTensionMs,
                    AvgAmplitude = summary.AvgAmplitude,
                    MaxAmplitude = summary.MaxAmplitude,
                    Contractions = summary.Contractions,
                    GoodContractionCount = summary.GoodCount,
                    MvcContractionCount = summary.MvcCount,
                    DurationContractionCount = summary.DurationCount,
                };
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                errors.Add(new("contractions", "Contraction analysis failed: " + e.Message));
            }

            return (result, null);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(envelopeArray);
            ArrayPool<double>.Shared.Return(scratchArray);
        }
    }

    private static ChannelAnalysis Failed(
        string name,
        string? source,
        string message,
        AnalysisOptions options,
        double? durationThresholdMs,
        List<KeyValuePair<string, string>> errors)
    {
        var mvc = MvcThreshold.Resolve(options, name, estimate: null);
        return new ChannelAnalysis
        {
            Name = name,
            SignalProcessing = new SignalProcessingReport(
                source, [], null, false, null, Butterworth.Order, null, null, Valid: false, message, null, null),
            Contractions = [],
            MvcThresholdActualValue = mvc.Threshold,
            DurationThresholdActualValue = durationThresholdMs,
            MvcEstimationMethod = mvc.Method,
            MvcValueUsed = mvc.Mvc,
            MvcPercentageUsed = mvc.Percentage,
            Errors = errors,
        };
    }

    private static SignalStatistics Describe(ReadOnlySpan<double> x, double std)
    {
        double min = x[0], max = x[0];
        foreach (var v in x)
        {
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        return new SignalStatistics(Statistics.Mean(x), std, min, max, x.Length);
    }

    private sealed record RawMetrics(double Rms, double Mav, SpectralMetrics Spectral, TemporalAnalyzer.Result? Temporal);
}

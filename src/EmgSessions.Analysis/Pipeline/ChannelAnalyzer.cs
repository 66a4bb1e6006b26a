using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Pipeline;

/// <summary>The base channels of a recording through §6 (raw metrics), §5 (validation, envelope) and §7 (thresholds, contractions).</summary>
internal static class ChannelAnalyzer
{
    /// <summary>Percentile of |envelope| used as the backend MVC estimate (K7).</summary>
    public const double MvcPercentile = 95;

    /// <summary>
    /// Every channel of one recording. Work is split into independent pieces: the raw-signal metrics of each channel,
    /// and the envelopes of the valid channels built two at a time (both channels' filters in the lanes of one SIMD
    /// register, <see cref="EnvelopeBuilder.BuildPair"/>); then each channel's contractions from its envelope. With
    /// <paramref name="parallel"/> the pieces run on the thread pool, otherwise on the calling thread, in a fixed order;
    /// every piece writes only its own slots, so both give the same bits.
    /// </summary>
    public static ChannelAnalysis[] AnalyzeAll(
        IReadOnlyList<ChannelInput> channels,
        double samplingRate,
        double[] frequencies,
        AnalysisOptions options,
        bool parallel)
    {
        var count = channels.Count;
        var raw = new RawMetrics?[count];
        var rawErrors = new List<KeyValuePair<string, string>>[count];
        var prepared = new Prepared?[count];
        var envelopeJobs = new List<(int A, int B)>();
        var waiting = -1;
        for (var c = 0; c < count; c++)
        {
            rawErrors[c] = [];
            if (channels[c].Signal is not { } signal)
            {
                continue;
            }

            var invalid = EnvelopeBuilder.Validate(signal, out var mean, out var std);
            prepared[c] = new Prepared(invalid, mean, std);
            if (invalid is not null)
            {
                continue;
            }

            if (waiting >= 0 && channels[waiting].Signal!.Length == signal.Length)
            {
                envelopeJobs.Add((waiting, c));
                waiting = -1;
            }
            else
            {
                if (waiting >= 0)
                {
                    envelopeJobs.Add((waiting, -1));
                }

                waiting = c;
            }
        }

        if (waiting >= 0)
        {
            envelopeJobs.Add((waiting, -1));
        }

        try
        {
            // Pieces 0…jobs−1 build envelopes, the rest compute the raw metrics of one channel each.
            var pieces = envelopeJobs.Count + count;
            void RunPiece(int piece)
            {
                if (piece < envelopeJobs.Count)
                {
                    BuildEnvelopes(envelopeJobs[piece], channels, prepared, samplingRate);
                }
                else if (channels[piece - envelopeJobs.Count].Signal is { } signal)
                {
                    var c = piece - envelopeJobs.Count;
                    raw[c] = ComputeRawMetrics(signal, samplingRate, frequencies, rawErrors[c]);
                }
            }

            var results = new ChannelAnalysis[count];
            void FinishChannel(int c) => results[c] = Finish(channels[c], raw[c], rawErrors[c], prepared[c], samplingRate, options);

            if (parallel && pieces > 1)
            {
                Parallel.For(0, pieces, RunPiece);
                Parallel.For(0, count, FinishChannel);
            }
            else
            {
                for (var piece = 0; piece < pieces; piece++)
                {
                    RunPiece(piece);
                }

                for (var c = 0; c < count; c++)
                {
                    FinishChannel(c);
                }
            }

            return results;
        }
        finally
        {
            foreach (var p in prepared)
            {
                if (p?.Envelope is { } envelope)
                {
                    SignalBuffer.Return(envelope);
                }
            }
        }
    }

    private static void BuildEnvelopes((int A, int B) job, IReadOnlyList<ChannelInput> channels, Prepared?[] prepared, double samplingRate)
    {
        var xa = channels[job.A].Signal!;
        var n = xa.Length;
        var envelopeA = SignalBuffer.Rent(n);
        prepared[job.A]!.Envelope = envelopeA;
        if (job.B < 0)
        {
            prepared[job.A]!.Report = EnvelopeBuilder.Build(xa, samplingRate, envelopeA.AsSpan(0, n));
            return;
        }

        var envelopeB = SignalBuffer.Rent(n);
        prepared[job.B]!.Envelope = envelopeB;
        var report = EnvelopeBuilder.BuildPair(xa, channels[job.B].Signal!, samplingRate, envelopeA.AsSpan(0, n), envelopeB.AsSpan(0, n));
        prepared[job.A]!.Report = report;
        prepared[job.B]!.Report = report;
    }

    private static ChannelAnalysis Finish(
        ChannelInput channel,
        RawMetrics? raw,
        List<KeyValuePair<string, string>> rawErrors,
        Prepared? prepared,
        double samplingRate,
        AnalysisOptions options)
    {
        var (name, signal, durationThresholdMs) = channel;
        var errors = new List<KeyValuePair<string, string>>();
        if (signal is null || raw is null || prepared is null)
        {
            var message = $"No RAW signal available for {name} - cannot perform rigorous analysis";
            errors.Add(new("signal_processing", message));
            return Failed(name, source: null, message, options, durationThresholdMs, errors) with
            {
                Rms = null,
                Mav = null,
            };
        }

        var processedErrors = new List<KeyValuePair<string, string>>();
        var processed = Processed(name, signal, samplingRate, options, durationThresholdMs, prepared, processedErrors);
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

    /// <summary>§5 and §7 from the prepared validation and envelope: MVC threshold and contractions; no analysis but the reason when validation failed.</summary>
    private static (ChannelAnalysis? Analysis, string? Invalid) Processed(
        string name,
        double[] signal,
        double samplingRate,
        AnalysisOptions options,
        double? durationThresholdMs,
        Prepared prepared,
        List<KeyValuePair<string, string>> errors)
    {
        var x = signal.AsSpan();
        if (prepared.Invalid is { } invalid)
        {
            errors.Add(new("signal_processing", "Signal processing failed: " + invalid));
            return (null, invalid);
        }

        var n = x.Length;
        var envelopeArray = prepared.Envelope!;
        var envelope = envelopeArray.AsSpan(0, n);
        var report = prepared.Report! with
        {
            OriginalSignalStats = Describe(x, prepared.Mean, prepared.Std),
            ProcessedSignalStats = Describe(envelope),
        };

        return (Measure(name, envelopeArray, n, report, samplingRate, options, durationThresholdMs, errors), null);
    }

    /// <summary>§7 on the envelope: the MVC estimate and the contractions, with no copy of the envelope (issue 16, memory).</summary>
    private static ChannelAnalysis Measure(
        string name,
        double[] envelopeArray,
        int n,
        SignalProcessingReport report,
        double samplingRate,
        AnalysisOptions options,
        double? durationThresholdMs,
        List<KeyValuePair<string, string>> errors)
    {
        var envelope = envelopeArray.AsSpan(0, n);
        var mvc = MvcThreshold.Resolve(options, name, () => Percentile.OfAbsolute(envelopeArray.AsSpan(0, n), MvcPercentile));
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

        return result;
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

    /// <summary>The statistics of a signal whose mean and std are known (the validation computed them).</summary>
    private static SignalStatistics Describe(ReadOnlySpan<double> x, double mean, double std)
    {
        var (min, max) = Statistics.MinMax(x);
        return new SignalStatistics(mean, std, min, max, x.Length);
    }

    private static SignalStatistics Describe(ReadOnlySpan<double> x)
    {
        var mean = Statistics.Mean(x);
        return Describe(x, mean, Statistics.PopulationStd(x, mean));
    }

    private sealed record RawMetrics(double Rms, double Mav, SpectralMetrics Spectral, TemporalAnalyzer.Result? Temporal);

    /// <summary>A channel's validation and, when valid, its envelope (a <see cref="SignalBuffer"/> array of at least N elements) and report.</summary>
    private sealed class Prepared(string? invalid, double mean, double std)
    {
        public string? Invalid { get; } = invalid;

        public double Mean { get; } = mean;

        public double Std { get; } = std;

        public double[]? Envelope { get; set; }

        public SignalProcessingReport? Report { get; set; }
    }
}

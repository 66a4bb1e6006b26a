using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Pipeline;

/// <summary>
/// §7.2: threshold the re-smoothed |envelope| at max·tf (strict &gt;), take runs (end exclusive, N−1 at the
/// recording end), drop short runs and runs inside the refractory period of the last kept one, merge close
/// runs, then measure each contraction on |envelope|[start…end] inclusive.
/// </summary>
internal static class ContractionDetector
{
    /// <summary>Absolute floor of the smoothed envelope's maximum (volts); below it there is nothing to detect.</summary>
    public const double MinimumPeak = 1e-9;

    /// <summary>
    /// The contraction runs (start, end) of <paramref name="envelope"/>, without a copy of the smoothed envelope: its
    /// peak and threshold crossings are decided on the exact ordered sums where they matter (<see cref="BoundedMovingAverage"/>),
    /// so the runs are those of <see cref="FindRuns(ReadOnlySpan{double}, double, DetectionSettings, Span{double})"/>.
    /// </summary>
    public static List<(int Start, int End)> FindRuns(ReadOnlySpan<double> envelope, double samplingRate, DetectionSettings settings)
    {
        var n = envelope.Length;
        var window = settings.SmoothingWindow;
        if (n < window || window <= 0 || n == 0)
        {
            return [];
        }

        if (window > MovingAverage.OrderedSumLimit || !BoundedMovingAverage.TryPeak(envelope, window, out var peak))
        {
            // Prefix-sum smoothing (very long windows) or values beyond the double range: the stored smoothed envelope.
            var rented = SignalBuffer.Rent(n);
            try
            {
                return FindRuns(envelope, samplingRate, settings, rented);
            }
            finally
            {
                SignalBuffer.Return(rented);
            }
        }

        if (!(peak >= MinimumPeak))
        {
            return [];
        }

        return Keep(BoundedMovingAverage.RunsAbove(envelope, window, peak * settings.ThresholdFactor), samplingRate, settings);
    }

    /// <summary>As above, with the smoothed envelope written into <paramref name="work"/> (at least N elements): the reference the other path is tested against.</summary>
    public static List<(int Start, int End)> FindRuns(ReadOnlySpan<double> envelope, double samplingRate, DetectionSettings settings, Span<double> work)
    {
        var n = envelope.Length;
        var window = settings.SmoothingWindow;
        if (n < window || window <= 0 || n == 0)
        {
            return [];
        }

        var smoothed = work[..n];
        MovingAverage.SameOfAbsolute(envelope, window, smoothed);
        var peak = double.NegativeInfinity;
        foreach (var v in smoothed)
        {
            if (v > peak || double.IsNaN(v))
            {
                peak = v;
            }
        }

        if (!(peak >= MinimumPeak))
        {
            return [];
        }

        var threshold = peak * settings.ThresholdFactor;
        var candidates = new List<(int Start, int End)>();
        var start = -1;
        for (var i = 0; i < n; i++)
        {
            var above = smoothed[i] > threshold;
            if (above && start < 0)
            {
                start = i;
            }
            else if (!above && start >= 0)
            {
                candidates.Add((start, i));
                start = -1;
            }
        }

        if (start >= 0)
        {
            candidates.Add((start, n - 1));
        }

        return Keep(candidates, samplingRate, settings);
    }

    /// <summary>Steps 6 and 7: drop short runs and runs in the refractory period of the last kept one, then merge close runs.</summary>
    private static List<(int Start, int End)> Keep(List<(int Start, int End)> candidates, double samplingRate, DetectionSettings settings)
    {
        var runs = new List<(int Start, int End)>();
        var minimum = SampleCount.FromMilliseconds(settings.MinDurationMs, samplingRate);
        var merge = SampleCount.FromMilliseconds(settings.MergeGapMs, samplingRate);
        var refractory = SampleCount.FromMilliseconds(settings.RefractoryMs, samplingRate);

        // Step 6: filter, i over all candidates; lastKeptEnd starts at 0.
        var kept = new List<(int Start, int End)>();
        var lastKeptEnd = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var (s, e) = candidates[i];
            if (e - s < minimum)
            {
                continue;
            }

            if (refractory > 0 && i > 0 && s - lastKeptEnd < refractory)
            {
                continue;
            }

            kept.Add((s, e));
            lastKeptEnd = e;
        }

        // Step 7: merge.
        if (merge <= 0)
        {
            return kept;
        }

        foreach (var (s, e) in kept)
        {
            if (runs.Count > 0 && s - runs[^1].End <= merge)
            {
                runs[^1] = (runs[^1].Start, e);
            }
            else
            {
                runs.Add((s, e));
            }
        }

        return runs;
    }

    /// <summary>Measures the runs and applies the MVC and duration thresholds (step 8 and §7.3).</summary>
    public static ContractionSummary Summarise(
        ReadOnlySpan<double> envelope,
        double samplingRate,
        IReadOnlyList<(int Start, int End)> runs,
        double? mvcThreshold,
        double? durationThresholdMs)
    {
        // F2: a duration threshold of 0 counts as absent for the flags (the predecessor's truthiness test).
        var hasMvc = mvcThreshold.HasValue;
        var hasDuration = durationThresholdMs is { } d && d != 0;
        var contractions = new Contraction[runs.Count];
        var durations = new double[runs.Count];
        var means = new double[runs.Count];
        int good = 0, mvc = 0, duration = 0;
        var maxAmplitude = 0.0;
        for (var c = 0; c < runs.Count; c++)
        {
            var (start, end) = runs[c];
            var segment = envelope[start..(end + 1)];
            var max = double.NegativeInfinity;
            foreach (var v in segment)
            {
                var a = Math.Abs(v);
                if (a > max)
                {
                    max = a;
                }
            }

            var mean = PairwiseSum.SumOfAbsolute(segment) / segment.Length;
            var durationMs = (end - start) / samplingRate * 1000;
            var meetsMvc = hasMvc && max >= mvcThreshold!.Value;
            var meetsDuration = hasDuration && durationMs >= durationThresholdMs!.Value;
            var isGood = (hasMvc, hasDuration) switch
            {
                (true, true) => meetsMvc && meetsDuration,
                (true, false) => meetsMvc,
                (false, true) => meetsDuration,
                _ => false,
            };
            contractions[c] = new Contraction(
                start, end, start / samplingRate * 1000, end / samplingRate * 1000, durationMs, mean, max, isGood, meetsMvc, meetsDuration);
            durations[c] = durationMs;
            means[c] = mean;
            good += isGood ? 1 : 0;
            mvc += meetsMvc ? 1 : 0;
            duration += meetsDuration ? 1 : 0;
            maxAmplitude = c == 0 ? max : Math.Max(maxAmplitude, max);
        }

        if (runs.Count == 0)
        {
            return new ContractionSummary([], 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var total = PairwiseSum.Sum(durations);
        return new ContractionSummary(
            contractions,
            total / runs.Count,
            durations.Min(),
            durations.Max(),
            total,
            PairwiseSum.Sum(means) / runs.Count,
            maxAmplitude,
            good,
            mvc,
            duration);
    }
}

using EmgSessions.Analysis.Signals;

namespace EmgSessions.Analysis.Tests.Signals;

/// <summary>dashboard.md §2: the min/max pyramid and its windows, checked bucket by bucket against the samples.</summary>
public sealed class SignalPyramidTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12_345)]
    [InlineData(65_536)]
    public void Every_level_holds_the_min_and_max_of_its_samples(int length)
    {
        var samples = SignalSamples.Noise(length, seed: length);

        var pyramid = SignalPyramid.Build(samples, 1000);

        AssertLevels(pyramid, samples);
        Assert.Equal(1, pyramid.BucketCount(pyramid.LevelCount - 1));
    }

    [Fact]
    public void Every_level_of_the_175_s_recording_holds_the_min_and_max_of_its_samples()
    {
        var samples = SignalSamples.Ghostly0881.Channels[0];

        var pyramid = SignalPyramid.Build(samples, 990);

        Assert.Equal(173_370, pyramid.SampleCount);
        Assert.Equal(10, pyramid.LevelCount);
        AssertLevels(pyramid, samples);
    }

    [Fact]
    public void Any_range_reads_the_same_min_and_max_as_its_samples()
    {
        var samples = SignalSamples.Noise(50_001, seed: 3);
        var pyramid = SignalPyramid.Build(samples, 1000);
        var random = new Random(11);

        for (var k = 0; k < 2_000; k++)
        {
            var start = random.Next(samples.Length);
            var end = k % 4 == 0 ? samples.Length : random.Next(start + 1, Math.Min(samples.Length, start + random.Next(1, 40_000)) + 1);
            Assert.Equal(SignalSamples.BruteForce(samples, start, end), pyramid.RangeMinMax(start, end));
        }
    }

    [Theory]
    [InlineData(null, null, 2400)]
    [InlineData(null, null, 1)]
    [InlineData(10.0037, 17.3311, 500)]
    [InlineData(0.0005, 3.0, 7)]
    [InlineData(170.0, 1000.0, 300)]
    [InlineData(0.0, 175.0, 10_000)]
    public void A_window_of_the_175_s_recording_is_min_and_max_per_bucket_of_its_samples(double? fromS, double? toS, int points)
    {
        var samples = SignalSamples.Ghostly0881.Channels[0];
        var pyramid = SignalPyramid.Build(samples, 990);

        var window = pyramid.Window(Request(fromS, toS, points, pyramid.Duration));

        AssertWindow(samples, 990, fromS ?? 0, Math.Min(toS ?? double.MaxValue, pyramid.Duration), points, window);
        Assert.NotNull(window.Min);
    }

    [Fact]
    public void The_whole_recording_in_2400_points_covers_every_sample_once_in_uniform_buckets()
    {
        var samples = SignalSamples.Ghostly0881.Channels[0];
        var pyramid = SignalPyramid.Build(samples, 990);

        var window = pyramid.Window(Request(null, null, 2400, pyramid.Duration));

        // 173 370 samples / 2 400 points → 73 samples per bucket, 2 375 buckets, the last with 35.
        Assert.Equal(73 / 990.0, window.Dt, 1e-12);
        var (mins, maxs) = (window.Min!, window.Max!);
        Assert.Equal(2_375, mins.Length);
        Assert.Equal(0.0, window.T0);
        Assert.Equal(SignalSamples.BruteForce(samples, 0, samples.Length), (mins.Min(), maxs.Max()));
        Assert.Equal(SignalSamples.BruteForce(samples, 2_374 * 73, samples.Length), (mins[^1], maxs[^1]));
    }

    [Fact]
    public void A_window_with_fewer_than_two_samples_per_point_returns_the_samples_themselves()
    {
        var samples = SignalSamples.Ghostly0881.Channels[0];
        var pyramid = SignalPyramid.Build(samples, 990);

        // [10 s, 11 s] holds samples 9 900…10 890: 991 samples, fewer than 2 × 600.
        var window = pyramid.Window(Request(10, 11, 600, pyramid.Duration));

        Assert.Null(window.Min);
        Assert.Equal(samples.Skip(9_900).Take(991).Select(v => (float)v), window.Samples!);
        Assert.Equal(10.0, window.T0, 1e-12);
        Assert.Equal(1 / 990.0, window.Dt, 1e-15);
    }

    [Fact]
    public void A_window_narrower_than_a_sample_period_returns_the_single_sample_inside_it()
    {
        var samples = SignalSamples.Ghostly0881.Channels[0];
        var pyramid = SignalPyramid.Build(samples, 990);

        var window = pyramid.Window(Request(500 / 990.0, 500.4 / 990, 100, pyramid.Duration));

        Assert.Equal([(float)samples[500]], window.Samples!);
        Assert.Equal(500 / 990.0, window.T0, 1e-12);
    }

    [Fact]
    public void A_window_starting_at_the_end_is_empty_and_one_ending_past_it_stops_at_the_last_sample()
    {
        var samples = SignalSamples.Noise(10_000, seed: 5);
        var pyramid = SignalPyramid.Build(samples, 1000);

        var atEnd = pyramid.Window(Request(10, 12, 100, pyramid.Duration));
        var pastEnd = pyramid.Window(Request(9.5, 40, 100, pyramid.Duration));

        Assert.Empty(atEnd.Samples!);
        Assert.Equal(10.0, atEnd.T0);
        AssertWindow(samples, 1000, 9.5, 10, 100, pastEnd);
        Assert.Equal(SignalSamples.BruteForce(samples, 9_995, 10_000), (pastEnd.Min![^1], pastEnd.Max![^1]));
    }

    [Fact]
    public void An_oscillating_signal_keeps_both_extremes_in_every_bucket()
    {
        // ±1 mV alternating every sample: one extreme per bucket (or LTTB) would draw a flat line.
        var samples = Enumerable.Range(0, 100_000).Select(i => i % 2 == 0 ? 1e-3 : -1e-3).ToArray();
        var pyramid = SignalPyramid.Build(samples, 2000);

        var window = pyramid.Window(Request(null, null, 1000, pyramid.Duration));

        Assert.All(window.Min!, v => Assert.Equal(-1e-3f, v));
        Assert.All(window.Max!, v => Assert.Equal(1e-3f, v));
    }

    [Fact]
    public void A_start_time_shifts_every_window()
    {
        var samples = SignalSamples.Noise(20_000, seed: 8);
        var pyramid = SignalPyramid.Build(samples, 1000, startTime: 2.5);

        var window = pyramid.Window(Request(3.0001, 9, 400, pyramid.Duration + 2.5));

        Assert.Equal(3.001, window.T0, 1e-12);
        Assert.Equal(SignalSamples.BruteForce(samples, 501, 516), (window.Min![0], window.Max![0]));
    }

    [Fact]
    public void The_stored_bytes_give_back_the_same_pyramid()
    {
        var samples = SignalSamples.Noise(12_345, seed: 9);
        var pyramid = SignalPyramid.Build(samples, 990, startTime: 1.25);

        var bytes = pyramid.ToBytes();
        var read = SignalPyramid.FromBytes(bytes);

        Assert.Equal(24 + (4 * 12_345), bytes.Length);
        Assert.Equal((990.0, 1.25, 12_345, pyramid.LevelCount), (read.SamplingRate, read.StartTime, read.SampleCount, read.LevelCount));
        AssertLevels(read, samples);
    }

    [Fact]
    public void Damaged_stored_bytes_are_refused_with_a_reason()
    {
        var bytes = SignalPyramid.Build(SignalSamples.Noise(100, seed: 1), 1000).ToBytes();
        var notOurs = (byte[])bytes.Clone();
        notOurs[0] = (byte)'X';

        var truncated = Assert.Throws<FormatException>(() => SignalPyramid.FromBytes(bytes.AsSpan(0, bytes.Length - 4)));
        var marker = Assert.Throws<FormatException>(() => SignalPyramid.FromBytes(notOurs));
        Assert.Throws<FormatException>(() => SignalPyramid.FromBytes([]));

        Assert.Contains("truncated or damaged", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("not a stored signal summary", marker.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-990.0)]
    [InlineData(double.NaN)]
    public void A_pyramid_needs_a_positive_sampling_rate(double samplingRate)
    {
        var error = Assert.Throws<ArgumentException>(() => SignalPyramid.Build([1.0, 2.0], samplingRate));

        Assert.Contains("sampling rate must be a positive number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_summary_is_the_analysis_envelope_and_is_absent_for_a_signal_that_fails_validation()
    {
        var raw = SignalSamples.Ghostly0881.Channels[0];

        var summaries = ChannelSignalSummaries.Build(raw, 990);
        var shortOne = ChannelSignalSummaries.Build(raw.AsSpan(0, 999), 990);

        var envelope = EmgDisplaySignals.Envelope(raw, 990)!;
        Assert.Equal(envelope.Select(v => (float)v), Enumerable.Range(0, envelope.Length).Select(i => summaries.Envelope!.Min(0, i)));
        AssertLevels(summaries.Envelope!, envelope);
        Assert.Null(shortOne.Envelope);
        Assert.Equal(999, shortOne.Raw.SampleCount);
    }

    internal static SignalWindowRequest Request(double? fromS, double? toS, int points, double duration)
    {
        Assert.Null(SignalWindowRequest.TryCreate(fromS, toS, points, duration, out var request));
        return request!;
    }

    private static void AssertLevels(SignalPyramid pyramid, double[] samples)
    {
        var size = 1;
        for (var level = 0; level < pyramid.LevelCount; level++, size *= SignalPyramid.Fanout)
        {
            Assert.Equal((samples.Length + size - 1) / size, pyramid.BucketCount(level));
            for (var i = 0; i < pyramid.BucketCount(level); i++)
            {
                var expected = SignalSamples.BruteForce(samples, i * size, Math.Min((i + 1) * size, samples.Length));
                Assert.Equal(expected, (pyramid.Min(level, i), pyramid.Max(level, i)));
            }
        }
    }

    /// <summary>Recomputes the window's sample range from the request, then every bucket from the samples.</summary>
    private static void AssertWindow(double[] samples, double fs, double fromS, double toS, int points, SignalWindow window)
    {
        var start = (int)Math.Ceiling((fromS * fs) - 1e-9);
        var end = Math.Min(samples.Length, (int)Math.Floor((toS * fs) + 1e-9) + 1);
        var count = end - start;
        var bucket = (count + points - 1) / points;
        Assert.Equal(start / fs, window.T0, 1e-12);
        Assert.Equal(bucket / fs, window.Dt, 1e-12);
        Assert.Equal(fs, window.Fs);
        Assert.Equal((count + bucket - 1) / bucket, window.Min!.Length);
        Assert.True(window.Min.Length <= points);
        for (var j = 0; j < window.Min.Length; j++)
        {
            var from = start + (j * bucket);
            Assert.Equal(SignalSamples.BruteForce(samples, from, Math.Min(from + bucket, end)), (window.Min[j], window.Max![j]));
        }
    }
}

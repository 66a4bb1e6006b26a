namespace EmgSessions.C3d.Synthetic;

/// <summary>
/// A synthetic GHOSTLY-like C3D file: channels "CH1 Raw", "CH2 Raw", "CH1 activated", "CH2 activated" at 990 Hz
/// (33 Hz frames × 30 samples), one point PlayerPosition, INFO and SUBJECTS groups like the game writes. The raw
/// channels are band-limited noise (~<see cref="SyntheticGhostlyOptions.BaselineAmplitude"/> RMS) with contractions
/// of known place and amplitude; an "activated" channel is the one-frame moving mean of |raw| inside contractions, 0
/// elsewhere. Deterministic from the seed.
/// </summary>
public sealed class SyntheticGhostlyRecording
{
    public const double PointRate = 33;
    public const int SamplesPerFrame = 30;
    public const double AnalogRate = PointRate * SamplesPerFrame;

    private SyntheticGhostlyRecording(byte[] bytes, IReadOnlyList<SyntheticContraction> contractions, SyntheticGhostlyOptions options, long frames)
    {
        Bytes = bytes;
        Contractions = contractions;
        Options = options;
        FrameCount = frames;
    }

    /// <summary>The C3D file.</summary>
    public byte[] Bytes { get; }

    /// <summary>Contractions placed, CH1's then CH2's, each in time order.</summary>
    public IReadOnlyList<SyntheticContraction> Contractions { get; }

    public SyntheticGhostlyOptions Options { get; }

    public long FrameCount { get; }

    public long SamplesPerChannel => FrameCount * SamplesPerFrame;

    /// <exception cref="ArgumentException">The options are out of range, or the contractions do not fit the duration.</exception>
    public static SyntheticGhostlyRecording Create(SyntheticGhostlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var frames = options.FrameCount ?? (long)Math.Round(options.DurationSeconds * PointRate);
        if (frames < 1 || frames * SamplesPerFrame > Array.MaxLength / 8)
        {
            throw new ArgumentException($"{frames} frames is outside 1…{Array.MaxLength / 8 / SamplesPerFrame}.", nameof(options));
        }

        if (options.ContractionsPerChannel < 0 || !(options.ContractionSeconds > 0) || !(options.ContractionAmplitude >= 0)
            || !(options.BaselineAmplitude >= 0) || options.AmplitudeJitter is < 0 or >= 1)
        {
            throw new ArgumentException("Contraction count, length and amplitudes must be non-negative (length positive, jitter below 1).", nameof(options));
        }

        var samples = (int)(frames * SamplesPerFrame);
        var random = new SplitMix64(options.Seed);
        var contractions = new List<SyntheticContraction>();
        var raw1 = RawChannel("CH1", samples, options, ref random, contractions);
        var raw2 = RawChannel("CH2", samples, options, ref random, contractions);
        var activated1 = Activated(raw1, contractions.Where(c => c.Channel == "CH1"));
        var activated2 = Activated(raw2, contractions.Where(c => c.Channel == "CH2"));

        var writer = new C3dWriter(PointRate, SamplesPerFrame) { PointUnits = "" };
        var (x, y, z) = PlayerPath((int)frames, ref random);
        writer.AddPoint("PlayerPosition", x, y, z);
        writer.AddAnalog("CH1 Raw", raw1)
            .AddAnalog("CH2 Raw", raw2)
            .AddAnalog("CH1 activated", activated1)
            .AddAnalog("CH2 activated", activated2);
        AddGameParameters(writer, options, frames);
        return new SyntheticGhostlyRecording(writer.ToArray(), contractions, options, frames);
    }

    private static double[] RawChannel(string name, int samples, SyntheticGhostlyOptions options, ref SplitMix64 random, List<SyntheticContraction> placed)
    {
        var noise = BandLimitedNoise(samples, ref random);
        var gain = new double[samples];
        Array.Fill(gain, options.BaselineAmplitude);
        var length = (long)Math.Round(options.ContractionSeconds * AnalogRate);
        var count = options.ContractionsPerChannel;
        if (count > 0)
        {
            var slot = samples / count;
            if (slot < length + 2)
            {
                throw new ArgumentException(
                    $"{count} contractions of {options.ContractionSeconds} s do not fit in {samples / AnalogRate:0.##} s.", nameof(options));
            }

            var free = slot - length;
            var ramp = Math.Max(1, length / 10);
            for (var k = 0; k < count; k++)
            {
                var start = ((long)k * slot) + (free / 4) + (long)(random.NextDouble() * (free / 2));
                var amplitude = options.ContractionAmplitude * (1 + (options.AmplitudeJitter * ((2 * random.NextDouble()) - 1)));
                placed.Add(new SyntheticContraction(name, start, start + length, amplitude));
                for (var i = 0L; i < length; i++)
                {
                    // Smoothstep ramps over the first and last tenth, plateau in between. Only +, −, ×, ÷ and √ are
                    // used anywhere, so the output is bit-identical on every runtime and CPU.
                    var edge = Math.Min(i, length - 1 - i);
                    var t = (double)edge / ramp;
                    var envelope = edge >= ramp ? 1.0 : t * t * (3 - (2 * t));
                    gain[start + i] += amplitude * envelope;
                }
            }
        }

        for (var i = 0; i < samples; i++)
        {
            noise[i] *= gain[i];
        }

        return noise;
    }

    /// <summary>Unit-RMS noise band-limited to roughly 20–250 Hz by a first-order high-pass and two first-order low-passes.</summary>
    private static double[] BandLimitedNoise(int samples, ref SplitMix64 random)
    {
        const double dt = 1 / AnalogRate;
        var highPass = 1 / (1 + (2 * Math.PI * 20 * dt));
        var lowPass = 2 * Math.PI * 250 * dt / (1 + (2 * Math.PI * 250 * dt));
        var output = new double[samples];
        double previousInput = 0, high = 0, low1 = 0, low2 = 0, sumSquares = 0;
        for (var i = 0; i < samples; i++)
        {
            var input = random.NextGaussianApprox();
            high = highPass * (high + input - previousInput);
            previousInput = input;
            low1 += lowPass * (high - low1);
            low2 += lowPass * (low1 - low2);
            output[i] = low2;
            sumSquares += low2 * low2;
        }

        var rms = Math.Sqrt(sumSquares / samples);
        if (rms > 0)
        {
            var normalise = 1 / rms;
            for (var i = 0; i < samples; i++)
            {
                output[i] *= normalise;
            }
        }

        return output;
    }

    private static double[] Activated(double[] raw, IEnumerable<SyntheticContraction> contractions)
    {
        var activated = new double[raw.Length];
        foreach (var contraction in contractions)
        {
            var sum = 0.0;
            for (var i = contraction.StartSample; i < contraction.EndSample; i++)
            {
                sum += Math.Abs(raw[i]);
                if (i - SamplesPerFrame >= contraction.StartSample)
                {
                    sum -= Math.Abs(raw[i - SamplesPerFrame]);
                }

                activated[i] = Math.Max(0, sum / SamplesPerFrame);
            }
        }

        return activated;
    }

    private static (double[] X, double[] Y, double[] Z) PlayerPath(int frames, ref SplitMix64 random)
    {
        var x = new double[frames];
        var y = new double[frames];
        var z = new double[frames];
        var position = 0.0;
        for (var f = 0; f < frames; f++)
        {
            position = Math.Clamp(position + ((random.NextDouble() - 0.5) * 0.02), -1, 1);
            y[f] = position;
        }

        return (x, y, z);
    }

    private static void AddGameParameters(C3dWriter writer, SyntheticGhostlyOptions options, long frames)
    {
        var t = options.StartTime;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var duration = (short)Math.Clamp((frames / (long)PointRate) - 1, 0, short.MaxValue);
        writer
            .SetParameter(C3dParameter.FromStrings("POINT", "DATA_TYPE_LABELS", ["Skeleton", "Accelerometer", "BalanceBoard", "Emg"]))
            .SetParameter(C3dParameter.FromInt16s("POINT", "DATA_TYPE", [3], []))
            .SetParameter(C3dParameter.FromString("SUBJECTS", "MARKER_SET", "Using ETRO extended marker set"))
            .SetParameter(C3dParameter.FromString("SUBJECTS", "PLAYER_NAME", options.PlayerName))
            .SetParameter(C3dParameter.FromFloats("SUBJECTS", "GAME_SCORE", [options.GameScore], []))
            .SetParameter(C3dParameter.FromString("INFO", "SYSTEM", "OpenFeasyo"))
            .SetParameter(C3dParameter.FromString("INFO", "EVENT", "gameplay"))
            .SetParameter(C3dParameter.FromString("INFO", "GAME_NAME", "Ghostly"))
            .SetParameter(C3dParameter.FromString("INFO", "GAME_LEVEL_NAME", " ---"))
            .SetParameter(C3dParameter.FromInt16s("INFO", "GAME_LEVEL", [options.GameLevel], []))
            .SetParameter(C3dParameter.FromInt16s("INFO", "OPTIMIZED", [0], []))
            .SetParameter(C3dParameter.FromString("INFO", "VERSION", "OpenFeasyo.Android"))
            .SetParameter(C3dParameter.FromInt16s("INFO", "DURATION", [duration], []))
            .SetParameter(C3dParameter.FromString("INFO", "THERAPIST_ID", options.TherapistId))
            .SetParameter(C3dParameter.FromString("INFO", "GROUP_ID", options.GroupId))
            .SetParameter(C3dParameter.FromStrings("INFO", "TIME",
                [t.Year.ToString(inv), t.Month.ToString(inv), t.Day.ToString(inv), t.Hour.ToString(inv), t.Minute.ToString(inv)]));
        foreach (var parameter in (options.Therapy?.ToParameters() ?? []).Concat(options.ExtraParameters))
        {
            writer.SetParameter(parameter);
        }
    }
}

namespace EmgSessions.C3d.Synthetic;

/// <summary>Options of <see cref="SyntheticGhostlyRecording.Create"/>. Defaults give a one-minute GHOSTLY-like recording.</summary>
public sealed record SyntheticGhostlyOptions
{
    /// <summary>The same seed and options always give the same bytes.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Length of the recording; ignored when <see cref="FrameCount"/> is set.</summary>
    public double DurationSeconds { get; init; } = 60;

    /// <summary>Exact number of frames (33 Hz); may exceed 65535.</summary>
    public long? FrameCount { get; init; }

    /// <summary>Contractions per raw channel (CH1 and CH2 each get this many).</summary>
    public int ContractionsPerChannel { get; init; } = 10;

    /// <summary>Length of each contraction.</summary>
    public double ContractionSeconds { get; init; } = 2.0;

    /// <summary>Plateau RMS of a contraction in volts, before jitter.</summary>
    public double ContractionAmplitude { get; init; } = 4e-4;

    /// <summary>Relative spread of contraction amplitudes: each is amplitude × (1 ± jitter).</summary>
    public double AmplitudeJitter { get; init; } = 0.25;

    /// <summary>RMS of the resting noise in volts.</summary>
    public double BaselineAmplitude { get; init; } = 1e-5;

    /// <summary>INFO:TIME (year, month, day, hour, minute).</summary>
    public DateTime StartTime { get; init; } = new(2023, 3, 21, 17, 50, 0, DateTimeKind.Unspecified);

    public string PlayerName { get; init; } = "Default";

    public float GameScore { get; init; } = 12;

    public short GameLevel { get; init; } = 1;

    public string TherapistId { get; init; } = "---";

    public string GroupId { get; init; } = "N/A";

    /// <summary>The game's scoring inputs to write in a <c>THERAPY</c> group; null writes none (like the real samples).</summary>
    public SyntheticTherapyParameters? Therapy { get; init; }

    /// <summary>Further parameters written as given, after the game's (for example a malformed <c>THERAPY:RPE</c>).</summary>
    public IReadOnlyList<C3dParameter> ExtraParameters { get; init; } = [];
}

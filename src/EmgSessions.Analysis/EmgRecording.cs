namespace EmgSessions.Analysis;

/// <summary>
/// What the analysis reads from a recording: the analog channels (scaled values, channel-major), their
/// ANALOG:LABELS entries (null or missing entries become "CH{i+1}"), the sampling rate, the game parameters
/// by full name ("INFO:GAME_NAME", "SUBJECTS:GAME_SCORE", …), the channels' units (which tell EMG from force,
/// angle or motion channels) and what the reader had to say about the file (carried into the result).
/// The arrays are read, never modified.
/// </summary>
public sealed class EmgRecording
{
    public EmgRecording(
        IReadOnlyList<string?> labels,
        IReadOnlyList<double[]> channels,
        double? samplingRate,
        IReadOnlyDictionary<string, RecordingParameter>? parameters = null,
        IReadOnlyList<string?>? units = null,
        IReadOnlyList<RecordingWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(channels);
        Labels = labels;
        Channels = channels;
        SamplingRate = samplingRate;
        Parameters = parameters ?? new Dictionary<string, RecordingParameter>(StringComparer.OrdinalIgnoreCase);
        Units = units ?? [];
        Warnings = warnings ?? [];
    }

    public IReadOnlyList<string?> Labels { get; }

    public IReadOnlyList<double[]> Channels { get; }

    /// <summary>The analog sampling rate; null, 0 or not finite means "missing": the analysis uses 2000 Hz (K11) and says so.</summary>
    public double? SamplingRate { get; }

    public IReadOnlyDictionary<string, RecordingParameter> Parameters { get; }

    /// <summary>ANALOG:UNITS per channel; empty or missing entries mean "not given".</summary>
    public IReadOnlyList<string?> Units { get; }

    /// <summary>What the reader skipped, repaired or doubted (a truncated file, …), in the order it said it.</summary>
    public IReadOnlyList<RecordingWarning> Warnings { get; }
}

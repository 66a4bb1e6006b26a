namespace EmgSessions.Analysis;

/// <summary>
/// What the analysis reads from a recording: the analog channels (scaled values, channel-major), their
/// ANALOG:LABELS entries (null or missing entries become "CH{i+1}"), ANALOG:RATE[0] and the game parameters
/// by full name ("INFO:GAME_NAME", "SUBJECTS:GAME_SCORE", …). The arrays are read, never modified.
/// </summary>
public sealed class EmgRecording
{
    public EmgRecording(
        IReadOnlyList<string?> labels,
        IReadOnlyList<double[]> channels,
        double? samplingRate,
        IReadOnlyDictionary<string, RecordingParameter>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(channels);
        Labels = labels;
        Channels = channels;
        SamplingRate = samplingRate;
        Parameters = parameters ?? new Dictionary<string, RecordingParameter>(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<string?> Labels { get; }

    public IReadOnlyList<double[]> Channels { get; }

    /// <summary>ANALOG:RATE[0]; null, 0 or not finite means "missing" and the analysis uses 2000 Hz (K11).</summary>
    public double? SamplingRate { get; }

    public IReadOnlyDictionary<string, RecordingParameter> Parameters { get; }
}

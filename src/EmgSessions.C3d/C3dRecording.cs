namespace EmgSessions.C3d;

/// <summary>A fully read file: its <see cref="Info"/>, the scaled analog channels and the points.</summary>
public sealed class C3dRecording(C3dInfo info, IReadOnlyList<double[]> analog, C3dPoints points)
{
    public C3dInfo Info { get; } = info;

    /// <summary>One array per channel (ANALOG:LABELS order) of (raw − offset) × scale × gen_scale.</summary>
    public IReadOnlyList<double[]> Analog { get; } = analog;

    public C3dPoints Points { get; } = points;

    /// <summary>The channel with this label (exact match first, then case-insensitive), or null.</summary>
    public double[]? FindAnalog(string label)
    {
        var labels = Info.AnalogLabels;
        for (var i = 0; i < labels.Count && i < Analog.Count; i++)
        {
            if (labels[i] == label)
            {
                return Analog[i];
            }
        }

        for (var i = 0; i < labels.Count && i < Analog.Count; i++)
        {
            if (string.Equals(labels[i], label, StringComparison.OrdinalIgnoreCase))
            {
                return Analog[i];
            }
        }

        return null;
    }
}

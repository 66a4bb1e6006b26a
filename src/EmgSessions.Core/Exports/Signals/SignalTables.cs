namespace EmgSessions.Core.Exports.Signals;

/// <summary>The signal tables: full resolution (one row per sample) and decimated (one row per min/max bucket), long format.</summary>
public static class SignalTables
{
    private const string Value = "signal unit (V or mV, as the C3D file stores it)";

    /// <summary><c>signals.csv|parquet</c> at full resolution.</summary>
    public static ExportTable<SignalSample> Samples { get; } = new(
        "signals",
        "Per session: every sample of every analog channel, raw or envelope (the file name says which), one row per sample.",
        [
            new("channel", ExportValueKind.Text, "", "Analog channel label as in the C3D file.", r => r.Channel),
            new("sample_index", ExportValueKind.Integer, "samples", "0-based sample number.", r => r.SampleIndex),
            new("time_ms", ExportValueKind.Real, "ms", "sample_index / analog rate, from the start of the recording.", r => r.TimeMs),
            new("value", ExportValueKind.Real, Value, "The raw sample or the envelope value.", r => r.Value),
        ]);

    /// <summary><c>signals.csv|parquet</c> decimated by min/max per bucket.</summary>
    public static ExportTable<SignalBucket> Buckets { get; } = new(
        "signals_decimated",
        "Per session: each channel cut into equal runs of samples, each kept as its minimum and maximum (peaks survive decimation).",
        [
            new("channel", ExportValueKind.Text, "", "Analog channel label as in the C3D file.", r => r.Channel),
            new("bucket_index", ExportValueKind.Integer, "", "0-based bucket number within the channel.", r => r.BucketIndex),
            new("first_sample", ExportValueKind.Integer, "samples", "First sample of the bucket.", r => r.FirstSample),
            new("last_sample", ExportValueKind.Integer, "samples", "Last sample of the bucket (inclusive).", r => r.LastSample),
            new("start_time_ms", ExportValueKind.Real, "ms", "Time of the first sample.", r => r.StartTimeMs),
            new("end_time_ms", ExportValueKind.Real, "ms", "Time of the last sample.", r => r.EndTimeMs),
            new("min", ExportValueKind.Real, Value, "Smallest value in the bucket.", r => r.Min),
            new("max", ExportValueKind.Real, Value, "Largest value in the bucket.", r => r.Max),
        ]);
}

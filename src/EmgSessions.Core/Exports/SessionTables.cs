namespace EmgSessions.Core.Exports;

/// <summary>The per-session tables: contractions (one row per contraction) and channel metrics (one row per channel).</summary>
public static class SessionTables
{
    private const string Amplitude = "signal unit (V or mV, as the C3D file stores it)";

    /// <summary><c>contractions.csv</c>: one row per detected contraction.</summary>
    public static ExportTable<ContractionRow> Contractions { get; } = new(
        "contractions",
        "Per session: one row per detected contraction of every analysed channel.",
        [
            new("channel", ExportValueKind.Text, "", "Channel name as in the C3D file and the API's analytics keys.", r => r.Channel),
            new("side", ExportValueKind.Text, "", "left or right: the side mapping (default CH1 left, CH2 right, scoring.md §1), else what the channel name says, else empty.", r => r.Side),
            new("contraction_index", ExportValueKind.Integer, "", "1-based position of the contraction in its channel.", r => (long)r.Index),
            new("start_time_ms", ExportValueKind.Real, "ms", "Start, from the start of the recording.", r => r.StartTimeMs),
            new("end_time_ms", ExportValueKind.Real, "ms", "End, from the start of the recording.", r => r.EndTimeMs),
            new("duration_ms", ExportValueKind.Real, "ms", "End minus start.", r => r.DurationMs),
            new("mean_amplitude", ExportValueKind.Real, Amplitude, "Mean envelope amplitude over the contraction.", r => r.MeanAmplitude),
            new("max_amplitude", ExportValueKind.Real, Amplitude, "Peak envelope amplitude over the contraction.", r => r.MaxAmplitude),
            new("is_good", ExportValueKind.Boolean, "", "Meets both the MVC and the duration threshold.", r => r.IsGood),
            new("meets_mvc", ExportValueKind.Boolean, "", "Peak amplitude reaches the MVC threshold.", r => r.MeetsMvc),
            new("meets_duration", ExportValueKind.Boolean, "", "Duration reaches the duration threshold.", r => r.MeetsDuration),
        ]);

    /// <summary><c>metrics.csv</c>: one row per analysed channel.</summary>
    public static ExportTable<ChannelMetrics> Metrics { get; } = new(
        "metrics",
        "Per session: one row per analysed channel with its metrics.",
        [
            new("channel", ExportValueKind.Text, "", "Channel name as in the C3D file and the API's analytics keys.", r => r.Channel),
            new("side", ExportValueKind.Text, "", "left or right: the side mapping (default CH1 left, CH2 right, scoring.md §1), else what the channel name says, else empty.", r => r.Side),
            .. ChannelColumns.For<ChannelMetrics>(r => r),
        ]);
}

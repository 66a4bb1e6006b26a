namespace EmgSessions.Core.Exports;

/// <summary>The metric columns of a channel, shared by the per-session metrics table and the cohort table.</summary>
public static class ChannelColumns
{
    private const string Amplitude = "signal unit (V or mV, as the C3D file stores it)";

    /// <summary>The metric columns, reading a row's <see cref="ChannelMetrics"/> through <paramref name="metrics"/>.</summary>
    public static IReadOnlyList<ExportColumn<TRow>> For<TRow>(Func<TRow, ChannelMetrics> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return
        [
            new("rms", ExportValueKind.Real, Amplitude, "Root mean square of the filtered signal.", r => metrics(r).Rms),
            new("mav", ExportValueKind.Real, Amplitude, "Mean absolute value of the filtered signal.", r => metrics(r).Mav),
            new("mpf", ExportValueKind.Real, "Hz", "Mean power frequency.", r => metrics(r).Mpf),
            new("mdf", ExportValueKind.Real, "Hz", "Median frequency.", r => metrics(r).Mdf),
            new("fatigue_index_fi_nsm5", ExportValueKind.Real, "Hz^-6 (spectral moments M-1 / M5)", "Dimitrov's spectral fatigue index.", r => metrics(r).FatigueIndexFiNsm5),
            new("contraction_count", ExportValueKind.Integer, "count", "Contractions detected.", r => metrics(r).ContractionCount),
            new("good_contraction_count", ExportValueKind.Integer, "count", "Contractions meeting both thresholds.", r => metrics(r).GoodContractionCount),
            new("mvc_contraction_count", ExportValueKind.Integer, "count", "Contractions meeting the MVC threshold.", r => metrics(r).MvcContractionCount),
            new("duration_contraction_count", ExportValueKind.Integer, "count", "Contractions meeting the duration threshold.", r => metrics(r).DurationContractionCount),
            new("expected_contractions", ExportValueKind.Integer, "count", "Contractions the protocol expected, when known.", r => metrics(r).ExpectedContractions),
            new("avg_duration_ms", ExportValueKind.Real, "ms", "Mean contraction duration.", r => metrics(r).AvgDurationMs),
            new("min_duration_ms", ExportValueKind.Real, "ms", "Shortest contraction.", r => metrics(r).MinDurationMs),
            new("max_duration_ms", ExportValueKind.Real, "ms", "Longest contraction.", r => metrics(r).MaxDurationMs),
            new("total_time_under_tension_ms", ExportValueKind.Real, "ms", "Sum of contraction durations.", r => metrics(r).TotalTimeUnderTensionMs),
            new("avg_amplitude", ExportValueKind.Real, Amplitude, "Mean of the contractions' mean amplitudes.", r => metrics(r).AvgAmplitude),
            new("max_amplitude", ExportValueKind.Real, Amplitude, "Highest contraction peak.", r => metrics(r).MaxAmplitude),
            new("mvc_threshold_actual_value", ExportValueKind.Real, Amplitude, "MVC threshold the contractions were judged against.", r => metrics(r).MvcThresholdActualValue),
            new("duration_threshold_actual_value", ExportValueKind.Real, "ms", "Duration threshold the contractions were judged against.", r => metrics(r).DurationThresholdActualValue),
            new("mvc_estimation_method", ExportValueKind.Text, "", "How the MVC threshold was obtained.", r => metrics(r).MvcEstimationMethod),
        ];
    }
}

using System.Globalization;
using System.Text.Json;

namespace EmgSessions.Analysis;

/// <summary>Writes results with the key order of §8 (the predecessor's), shortest round-trip doubles and null for non-finite numbers.</summary>
internal static class EmgAnalysisJsonWriter
{
    public static void WriteResult(Utf8JsonWriter w, EmgAnalysisResult result)
    {
        w.WriteStartObject();
        WriteBody(w, result);
        w.WriteEndObject();
    }

    public static void WriteAnalyze(Utf8JsonWriter w, EmgAnalysisResult result)
    {
        w.WriteStartObject();
        WriteMetadata(w, result.Metadata);
        WriteAnalytics(w, result);
        WriteStrings(w, "available_channels", result.AvailableChannels);
        w.WriteEndObject();
    }

    public static void WriteCacheEntry(Utf8JsonWriter w, EmgAnalysisResult result, DateTimeOffset cachedAt, string? fileHash)
    {
        w.WriteStartObject();
        WriteBody(w, result);
        w.WritePropertyName("processing_params");
        result.Options.WriteJson(w, canonical: true);
        w.WriteString("processing_version", EmgAnalyzer.ProcessingVersion);
        w.WriteString("cached_at", cachedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        if (fileHash is not null)
        {
            w.WriteString("file_hash", fileHash);
        }

        w.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter w, EmgAnalysisResult result)
    {
        WriteMetadata(w, result.Metadata);
        WriteAnalytics(w, result);
        WriteStrings(w, "available_channels", result.AvailableChannels);
        w.WriteStartObject("compat");
        WriteStrings(w, "available_channels", result.CompatAvailableChannels);
        w.WriteEndObject();
        w.WritePropertyName("session_parameters_used");
        result.SessionParametersUsed.WriteJson(w, canonical: false);
        WriteFindings(w, result);
    }

    /// <summary>Our additions to the predecessor's shape: <c>warnings</c> [{code, message}] and <c>skipped_channels</c> [{channel, unit, reason}].</summary>
    private static void WriteFindings(Utf8JsonWriter w, EmgAnalysisResult result)
    {
        w.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("code", warning.Code);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skipped_channels");
        foreach (var skipped in result.SkippedChannels)
        {
            w.WriteStartObject();
            w.WriteString("channel", skipped.Channel);
            WriteText(w, "unit", skipped.Unit);
            w.WriteString("reason", skipped.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteMetadata(Utf8JsonWriter w, GameMetadata m)
    {
        w.WriteStartObject("metadata");
        WriteText(w, "game_name", m.GameName);
        WriteText(w, "level", m.Level);
        WriteText(w, "duration", m.Duration);
        WriteText(w, "therapist_id", m.TherapistId);
        WriteText(w, "group_id", m.GroupId);
        WriteText(w, "time", m.Time);
        WriteText(w, "player_name", m.PlayerName);
        WriteText(w, "score", m.Score);
        w.WriteEndObject();
    }

    private static void WriteAnalytics(Utf8JsonWriter w, EmgAnalysisResult result)
    {
        w.WriteStartObject("analytics");
        foreach (var channel in result.Analytics)
        {
            w.WritePropertyName(channel.Name);
            WriteChannel(w, channel);
        }

        w.WriteEndObject();
    }

    private static void WriteChannel(Utf8JsonWriter w, ChannelAnalysis c)
    {
        w.WriteStartObject();
        Number(w, "expected_contractions", c.ExpectedContractions);
        Number(w, "rms", c.Rms);
        Number(w, "mav", c.Mav);
        Number(w, "mpf", c.Mpf);
        Number(w, "mdf", c.Mdf);
        Number(w, "fatigue_index_fi_nsm5", c.FatigueIndexFiNsm5);
        WriteTemporal(w, "rms_temporal_stats", c.RmsTemporalStats);
        WriteTemporal(w, "mav_temporal_stats", c.MavTemporalStats);
        WriteTemporal(w, "fatigue_index_temporal_stats", c.FatigueIndexTemporalStats);
        WriteTemporal(w, "mpf_temporal_stats", c.MpfTemporalStats);
        WriteTemporal(w, "mdf_temporal_stats", c.MdfTemporalStats);
        WriteSignalProcessing(w, c.SignalProcessing);
        Number(w, "contraction_count", c.ContractionCount);
        Number(w, "avg_duration_ms", c.AvgDurationMs);
        Number(w, "min_duration_ms", c.MinDurationMs);
        Number(w, "max_duration_ms", c.MaxDurationMs);
        Number(w, "total_time_under_tension_ms", c.TotalTimeUnderTensionMs);
        Number(w, "avg_amplitude", c.AvgAmplitude);
        Number(w, "max_amplitude", c.MaxAmplitude);
        w.WriteStartArray("contractions");
        foreach (var k in c.Contractions)
        {
            w.WriteStartObject();
            Number(w, "start_time_ms", k.StartTimeMs);
            Number(w, "end_time_ms", k.EndTimeMs);
            Number(w, "duration_ms", k.DurationMs);
            Number(w, "mean_amplitude", k.MeanAmplitude);
            Number(w, "max_amplitude", k.MaxAmplitude);
            w.WriteBoolean("is_good", k.IsGood);
            w.WriteBoolean("meets_mvc", k.MeetsMvc);
            w.WriteBoolean("meets_duration", k.MeetsDuration);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Number(w, "good_contraction_count", c.GoodContractionCount);
        Number(w, "mvc_contraction_count", c.MvcContractionCount);
        Number(w, "duration_contraction_count", c.DurationContractionCount);
        Number(w, "mvc_threshold_actual_value", c.MvcThresholdActualValue);
        Number(w, "duration_threshold_actual_value", c.DurationThresholdActualValue);
        WriteText(w, "mvc_estimation_method", c.MvcEstimationMethod);
        if (c.Errors is { Count: > 0 } errors)
        {
            w.WriteStartObject("errors");
            foreach (var (key, message) in errors)
            {
                w.WriteString(key, message);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteTemporal(Utf8JsonWriter w, string name, TemporalStatistics? t)
    {
        if (t is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        Number(w, "mean_value", t.MeanValue);
        Number(w, "std_value", t.StdValue);
        Number(w, "min_value", t.MinValue);
        Number(w, "max_value", t.MaxValue);
        w.WriteNumber("valid_windows", t.ValidWindows);
        Number(w, "coefficient_of_variation", t.CoefficientOfVariation);
        w.WriteEndObject();
    }

    private static void WriteSignalProcessing(Utf8JsonWriter w, SignalProcessingReport s)
    {
        w.WriteStartObject("signal_processing");
        WriteText(w, "source", s.Source);
        WriteStrings(w, "processing_steps", s.ProcessingSteps);
        w.WriteStartObject("parameters_used");
        if (s.Valid)
        {
            if (s.HighpassCutoffHz is { } hp)
            {
                w.WriteNumber("highpass_cutoff_hz", hp);
            }

            w.WriteBoolean("rectification_enabled", s.Rectified);
            if (s.LowpassCutoffHz is { } lp)
            {
                w.WriteNumber("lowpass_cutoff_hz", lp);
                w.WriteNumber("filter_order", s.FilterOrder);
            }

            if (s.SmoothingWindowSamples is { } samples)
            {
                Number(w, "smoothing_window_ms", s.SmoothingWindowMs);
                w.WriteNumber("smoothing_window_samples", samples);
            }
        }

        w.WriteEndObject();
        w.WriteStartObject("quality_metrics");
        w.WriteBoolean("valid", s.Valid);
        w.WriteString("message", s.Message);
        if (s.Valid)
        {
            WriteStats(w, "original_signal_stats", s.OriginalSignalStats);
            WriteStats(w, "processed_signal_stats", s.ProcessedSignalStats);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteStats(Utf8JsonWriter w, string name, SignalStatistics? s)
    {
        if (s is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        Number(w, "mean", s.Mean);
        Number(w, "std", s.Std);
        Number(w, "min", s.Min);
        Number(w, "max", s.Max);
        w.WriteNumber("samples", s.Samples);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        w.WritePropertyName(name);
        JsonNumbers.Write(w, value);
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        w.WritePropertyName(name);
        JsonNumbers.Write(w, value);
    }
}

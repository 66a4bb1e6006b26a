using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmgSessions.Analysis;

/// <summary>
/// The result of <see cref="EmgAnalyzer.Analyze"/>: metadata, per-channel analytics in base order, the channel
/// lists, and the options actually applied. The JSON methods write the spec's shapes (§8) with its key order.
/// </summary>
public sealed class EmgAnalysisResult
{
    internal EmgAnalysisResult(
        GameMetadata metadata,
        IReadOnlyList<ChannelAnalysis> analytics,
        IReadOnlyList<string> availableChannels,
        IReadOnlyList<string> compatAvailableChannels,
        AnalysisOptions sessionParametersUsed,
        AnalysisOptions options,
        double samplingRate,
        IReadOnlyList<RecordingWarning> warnings,
        IReadOnlyList<SkippedChannel> skippedChannels)
    {
        Metadata = metadata;
        Analytics = analytics;
        AvailableChannels = availableChannels;
        CompatAvailableChannels = compatAvailableChannels;
        SessionParametersUsed = sessionParametersUsed;
        Options = options;
        SamplingRate = samplingRate;
        Warnings = warnings;
        SkippedChannels = skippedChannels;
    }

    public GameMetadata Metadata { get; }

    /// <summary>One entry per base channel, sorted ordinally by name.</summary>
    public IReadOnlyList<ChannelAnalysis> Analytics { get; }

    /// <summary>The clean channel list (F6).</summary>
    public IReadOnlyList<string> AvailableChannels { get; }

    /// <summary>The predecessor's channel list (with "X Raw Raw" entries), <c>compat.available_channels</c>.</summary>
    public IReadOnlyList<string> CompatAvailableChannels { get; }

    /// <summary>The options with the MVC values and percentages applied per channel (§7.7).</summary>
    public AnalysisOptions SessionParametersUsed { get; }

    /// <summary>The options the analysis ran with (<c>processing_params</c>).</summary>
    public AnalysisOptions Options { get; }

    /// <summary>The sampling rate used (ANALOG:RATE[0], or 2000 Hz when missing).</summary>
    public double SamplingRate { get; }

    /// <summary>What the reader and the analysis had to say about the recording (truncation, repairs, an assumed rate).</summary>
    public IReadOnlyList<RecordingWarning> Warnings { get; }

    /// <summary>The analog channels left out of the analysis, with why (not EMG, or not in the requested list).</summary>
    public IReadOnlyList<SkippedChannel> SkippedChannels { get; }

    /// <summary>The analytics of base channel <paramref name="name"/>, or null.</summary>
    public ChannelAnalysis? Channel(string name) => Analytics.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The full result (§8.1): <c>{metadata, analytics, available_channels, compat, session_parameters_used}</c>, then
    /// our additions <c>warnings</c> and <c>skipped_channels</c>.
    /// </summary>
    public string ToJson(bool indented = false) => Write(w => EmgAnalysisJsonWriter.WriteResult(w, this), indented);

    /// <summary>What <c>emgs analyze --json</c> prints: <c>{metadata, analytics, available_channels}</c> (the command says the rest on stderr).</summary>
    public string ToAnalyzeJson(bool indented = true) => Write(w => EmgAnalysisJsonWriter.WriteAnalyze(w, this), indented);

    /// <summary>
    /// The analytics-cache entry (system.md §5): the full result plus <c>processing_params</c> (canonical options),
    /// <c>processing_version</c>, <c>cached_at</c> (the caller's clock, UTC ISO 8601) and, when given, <c>file_hash</c>: the
    /// file these analytics were computed from, so a reader can tell them from a later upload of the same path.
    /// </summary>
    public string ToCacheJson(DateTimeOffset cachedAt, string? fileHash = null) =>
        Write(w => EmgAnalysisJsonWriter.WriteCacheEntry(w, this, cachedAt, fileHash), indented: false);

    /// <summary>Writes the full result (§8.1) to <paramref name="writer"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        EmgAnalysisJsonWriter.WriteResult(writer, this);
    }

    private static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

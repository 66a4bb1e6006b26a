using System.Text.Json;
using EmgSessions.Analysis;

namespace EmgSessions.Http;

/// <summary>
/// The display signals of <c>/upload</c> (emg-analysis.md §5, §8.5), one per <c>available_channels</c> name: a
/// channel label gives that channel's samples (the later channel when a label repeats) with their moving RMS, and
/// the envelope as <c>processed_data</c> when it is the signal its base analyses; <c>"{B} Processed"</c> gives the
/// envelope as both <c>data</c> and <c>rms_envelope</c>. Labels and bases follow §4.2 as the analysis reads them.
/// </summary>
internal static class DisplaySignals
{
    public static IReadOnlyList<DisplaySignal> For(EmgRecording recording, EmgAnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(result);
        var rate = result.SamplingRate;
        var count = recording.Channels.Count;
        var labels = new string[count];
        var byLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            labels[i] = i < recording.Labels.Count && recording.Labels[i] is { } label ? label.Trim() : $"CH{i + 1}";
            byLabel[labels[i]] = i; // a repeated label: the later channel's data
        }

        // The analysed signal of base B: the last channel labelled "B Raw" or "B"; its envelope once per base.
        var envelopes = new Dictionary<string, (int Index, double[]? Envelope)>(StringComparer.Ordinal);
        (int Index, double[]? Envelope)? Analysed(string baseName)
        {
            if (envelopes.TryGetValue(baseName, out var known))
            {
                return known;
            }

            var index = -1;
            for (var i = 0; i < count; i++)
            {
                if (labels[i] == baseName + " Raw" || labels[i] == baseName)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                return null;
            }

            var entry = (index, EmgDisplaySignals.Envelope(recording.Channels[index], rate));
            envelopes[baseName] = entry;
            return entry;
        }

        var signals = new List<DisplaySignal>(result.AvailableChannels.Count);
        foreach (var name in result.AvailableChannels)
        {
            if (byLabel.TryGetValue(name, out var index))
            {
                var data = recording.Channels[index];
                var analysed = Analysed(BaseName(name));
                var processed = analysed is { } a && a.Index == index ? a.Envelope : null;
                signals.Add(new DisplaySignal(name, rate, data, EmgDisplaySignals.RmsEnvelope(data, rate), processed));
            }
            else if (name.EndsWith(" Processed", StringComparison.Ordinal)
                && Analysed(name[..^" Processed".Length]) is { Envelope: { } envelope })
            {
                signals.Add(new DisplaySignal(name, rate, envelope, envelope, null));
            }
        }

        return signals;
    }

    /// <summary>Writes <c>{name: {sampling_rate, time_axis, data, rms_envelope, activated_data, processed_data}}</c>.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<DisplaySignal> signals)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(signals);
        writer.WriteStartObject();
        foreach (var signal in signals)
        {
            writer.WriteStartObject(signal.Name);
            writer.WriteNumber("sampling_rate", signal.SamplingRate);
            writer.WriteStartArray("time_axis");
            for (var i = 0; i < signal.Data.Length; i++)
            {
                writer.WriteNumberValue(i / signal.SamplingRate);
            }

            writer.WriteEndArray();
            WriteArray(writer, "data", signal.Data);
            WriteArray(writer, "rms_envelope", signal.RmsEnvelope);
            writer.WriteNull("activated_data");
            WriteArray(writer, "processed_data", signal.ProcessedData);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>§4.2: the label without every " Raw", then without every " activated".</summary>
    private static string BaseName(string label) =>
        label.Replace(" Raw", string.Empty, StringComparison.Ordinal).Replace(" activated", string.Empty, StringComparison.Ordinal);

    /// <summary>An array whose non-finite values are null (F8), or null.</summary>
    private static void WriteArray(Utf8JsonWriter writer, string name, double[]? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}

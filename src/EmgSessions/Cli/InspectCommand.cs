using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EmgSessions.C3d;

namespace EmgSessions.Cli;

/// <summary><c>emgs inspect FILE [--json]</c>: what a C3D file holds, as a summary or as the JSON object of system.md §7.</summary>
internal sealed class InspectCommand(CliConsole console) : CliCommand<InspectSettings>(console)
{
    protected override async Task<int> RunAsync(InspectSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        if (settings.File is not { } path)
        {
            throw new CliUsageException("Which file? Give one C3D file.");
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (CliFileError.IsFileProblem(ex))
        {
            await console.Error.WriteLineAsync($"emgs inspect: cannot read {path}: {CliFileError.Reason(path, ex)}.");
            return CliApplication.Failure;
        }

        C3dRecording recording;
        try
        {
            recording = C3dReader.Read(bytes);
        }
        catch (C3dFormatException ex)
        {
            await console.Error.WriteLineAsync(
                $"emgs inspect: {path} is not a readable C3D file: {ex.Detail}. Check that it is a complete .c3d recording.");
            return CliApplication.Failure;
        }

        var summary = InspectSummary.Of(Path.GetFileName(path), bytes, recording);
        await console.Out.WriteAsync(settings.Json ? summary.ToJson() : summary.ToText());
        return CliApplication.Success;
    }
}

/// <summary>The figures <c>emgs inspect</c> prints, computed once from a recording.</summary>
internal sealed record InspectSummary(
    string File,
    long Bytes,
    string Sha256,
    C3dInfo Info,
    IReadOnlyList<(string Label, int ValidFrames, double[] MeanXyz)> Points,
    IReadOnlyList<(string Label, double Min, double Max, double Mean, double SumAbs)> Analogs,
    IReadOnlyList<string> ParameterNames)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static InspectSummary Of(string file, byte[] bytes, C3dRecording recording)
    {
        var points = recording.Points.Select(p =>
        {
            double sx = 0, sy = 0, sz = 0;
            var valid = 0;
            for (var f = 0; f < p.FrameCount; f++)
            {
                if (p.IsValid(f))
                {
                    sx += p.X[f];
                    sy += p.Y[f];
                    sz += p.Z[f];
                    valid++;
                }
            }

            double[] mean = valid == 0 ? [double.NaN, double.NaN, double.NaN] : [sx / valid, sy / valid, sz / valid];
            return (p.Label, valid, mean);
        }).ToArray();
        var analogs = recording.Analog.Select((samples, c) =>
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumAbs = 0;
            foreach (var v in samples)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
                sumAbs += Math.Abs(v);
            }

            return samples.Length == 0
                ? (recording.Info.AnalogLabels[c], double.NaN, double.NaN, double.NaN, double.NaN)
                : (recording.Info.AnalogLabels[c], min, max, sum / samples.Length, sumAbs);
        }).ToArray();
        var names = recording.Info.Parameters.All.Select(p => p.FullName).Distinct().Order(StringComparer.Ordinal).ToArray();
        return new InspectSummary(file, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)), recording.Info, points, analogs, names);
    }

    public static string ProcessorName(C3dProcessor processor) => processor switch
    {
        C3dProcessor.Dec => "dec",
        C3dProcessor.Mips => "mips",
        _ => "intel",
    };

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var info = Info;
            json.WriteStartObject();
            json.WriteString("file", File);
            json.WriteNumber("bytes", Bytes);
            json.WriteString("sha256", Sha256);
            json.WriteString("processor", ProcessorName(info.Processor));
            json.WriteString("storage", info.Storage == C3dStorage.Float ? "float" : "integer");
            json.WriteNumber("point_count", info.PointCount);
            Number(json, "point_rate", info.PointRate);
            json.WriteNumber("first_frame", info.FirstFrame);
            json.WriteNumber("last_frame", info.LastFrame);
            json.WriteNumber("frame_count", info.FrameCount);
            json.WriteNumber("analog_count", info.AnalogCount);
            Number(json, "analog_rate", info.AnalogCount > 0 ? info.AnalogRate : double.NaN);
            json.WriteNumber("analog_samples_per_frame", info.AnalogSamplesPerFrame);
            json.WriteNumber("analog_samples_per_channel", info.AnalogSamplesPerChannel);
            Number(json, "duration_seconds", info.DurationSeconds);
            Strings(json, "point_labels", info.PointLabels);
            Strings(json, "analog_labels", info.AnalogLabels);
            json.WriteStartArray("points");
            foreach (var (label, validFrames, mean) in Points)
            {
                json.WriteStartObject();
                json.WriteString("label", label);
                json.WriteNumber("valid_frames", validFrames);
                json.WriteStartArray("mean_xyz");
                foreach (var v in mean)
                {
                    Number(json, v);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("analogs");
            foreach (var (label, min, max, mean, sumAbs) in Analogs)
            {
                json.WriteStartObject();
                json.WriteString("label", label);
                Number(json, "min", min);
                Number(json, "max", max);
                Number(json, "mean", mean);
                Number(json, "sum_abs", sumAbs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Strings(json, "parameters", ParameterNames);
            json.WriteStartArray("events");
            foreach (var e in info.Events)
            {
                json.WriteStartObject();
                json.WriteString("label", e.Label);
                Number(json, "time_seconds", e.TimeSeconds);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            // Beyond system.md §7's keys: the frames the file declares (more than frame_count when it is truncated) and every reader warning.
            json.WriteNumber("declared_frame_count", info.DeclaredFrameCount);
            json.WriteStartArray("warnings");
            foreach (var warning in info.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("code", warning.Code);
                json.WriteNumber("offset", warning.Offset);
                json.WriteString("message", warning.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    public string ToText()
    {
        var info = Info;
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{File}  ({Bytes:N0} bytes, sha256 {Sha256[..16]}…)");
        text.AppendLine(inv, $"  format     {ProcessorName(info.Processor)}, {(info.Storage == C3dStorage.Float ? "float" : "integer")} storage");
        var declared = info.DeclaredFrameCount != info.FrameCount ? string.Create(inv, $" of {info.DeclaredFrameCount:N0} declared") : "";
        text.AppendLine(inv, $"  frames     {info.FrameCount:N0}{declared} at {info.PointRate:0.###} Hz = {info.DurationSeconds:0.###} s (frames {info.FirstFrame}–{info.LastFrame})");
        text.AppendLine(inv, $"  points     {info.PointCount}{(info.PointCount > 0 ? ": " + string.Join(", ", info.PointLabels) : "")}");
        text.AppendLine(inv, $"  analog     {info.AnalogCount} channels at {info.AnalogRate:0.###} Hz ({info.AnalogSamplesPerFrame} per frame, {info.AnalogSamplesPerChannel:N0} samples each)");
        foreach (var (label, min, max, mean, _) in Analogs)
        {
            text.AppendLine(inv, $"    {label,-28} min {min,12:G5}  max {max,12:G5}  mean {mean,12:G5}");
        }

        foreach (var (label, validFrames, mean) in Points)
        {
            text.AppendLine(inv, $"    {label,-28} valid in {validFrames:N0} of {info.FrameCount:N0} frames, mean ({mean[0]:G6}, {mean[1]:G6}, {mean[2]:G6})");
        }

        text.AppendLine(inv, $"  parameters {ParameterNames.Count} in {info.Parameters.Groups.Count} groups: {string.Join(", ", info.Parameters.Groups.Select(g => g.Name))}");
        foreach (var name in new[] { "INFO:GAME_NAME", "INFO:GAME_LEVEL", "INFO:THERAPIST_ID", "SUBJECTS:PLAYER_NAME", "SUBJECTS:GAME_SCORE" })
        {
            if (info.Parameters.Find(name) is { } parameter)
            {
                var value = parameter.Type == C3dParameterType.Char ? parameter.GetString() : parameter.GetNumber()?.ToString("G", inv);
                text.AppendLine(inv, $"    {name,-28} {value}");
            }
        }

        if (info.Parameters.Find("INFO:TIME") is { } time)
        {
            text.AppendLine(inv, $"    {"INFO:TIME",-28} {string.Join(" ", time.GetStrings())}");
        }

        text.AppendLine(inv, $"  events     {info.Events.Count}{(info.Events.Count > 0 ? ": " + string.Join(", ", info.Events.Select(e => $"{e.Label} {e.TimeSeconds:0.###} s")) : "")}");
        foreach (var warning in info.Warnings)
        {
            text.AppendLine(inv, $"  warning    {warning.Code}: {warning.Message}");
        }

        return text.ToString();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        Number(json, value);
    }

    private static void Number(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}

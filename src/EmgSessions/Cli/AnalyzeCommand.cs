using System.Globalization;
using System.Text;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;

namespace EmgSessions.Cli;

/// <summary><c>emgs analyze FILE [--json] [options]</c>: the ghostly-v1 EMG analysis of one C3D file.</summary>
internal sealed class AnalyzeCommand(CliConsole console) : CliCommand<AnalyzeSettings>(console)
{
    protected override async Task<int> RunAsync(AnalyzeSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        if (settings.File is not { } path)
        {
            throw new CliUsageException("Which file? Give one C3D file.");
        }

        AnalysisOptions options;
        try
        {
            options = await ReadOptionsAsync(settings, cancellationToken);
            options.Validate();
        }
        catch (AnalysisOptionsException ex)
        {
            await console.Error.WriteLineAsync($"emgs analyze: invalid options: {ex.Message}");
            return CliApplication.UsageError;
        }

        C3dRecording recording;
        try
        {
            // Only the channels the analysis reads are decoded (not the "activated" ones): half the memory, the same result.
            recording = await RecordingFile.ReadAsync(path, EmgRecordingFactory.AnalysedChannels(options), cancellationToken);
        }
        catch (Exception ex) when (CliFileError.IsFileProblem(ex))
        {
            await console.Error.WriteLineAsync($"emgs analyze: cannot read {path}: {CliFileError.Reason(path, ex)}.");
            return CliApplication.Failure;
        }
        catch (C3dFormatException ex)
        {
            await console.Error.WriteLineAsync($"emgs analyze: {path} is not a readable C3D file: {ex.Detail}.");
            return CliApplication.Failure;
        }

        // The same checks as the worker's: a file with nothing to analyse fails with the reason, never zeros.
        EmgAnalysisResult result;
        try
        {
            if (RecordingCheck.WhyNothingToAnalyse(recording.Info) is { } reason)
            {
                throw new EmgAnalysisException(reason);
            }

            result = EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(recording), options);
        }
        catch (EmgAnalysisException ex)
        {
            await console.Error.WriteLineAsync($"emgs analyze: {path} cannot be analysed: {ex.Message}");
            return CliApplication.Failure;
        }

        if (settings.Json)
        {
            await console.Out.WriteLineAsync(result.ToAnalyzeJson(indented: true));

            // The JSON keeps the reference shape; what a reader of it must know goes to stderr.
            foreach (var line in Findings(result))
            {
                await console.Error.WriteLineAsync($"emgs analyze: {line}");
            }
        }
        else
        {
            await console.Out.WriteAsync(ToText(Path.GetFileName(path), result));
        }

        return CliApplication.Success;
    }

    /// <summary>The options: --options-json first, then each flag over it.</summary>
    internal static async Task<AnalysisOptions> ReadOptionsAsync(AnalyzeSettings settings, CancellationToken cancellationToken)
    {
        var options = AnalysisOptions.Default;
        if (settings.OptionsJson is { } file)
        {
            string json;
            try
            {
                json = await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new AnalysisOptionsException($"cannot read --options-json {file}: {(ex is FileNotFoundException ? "no such file" : ex.Message)}", ex);
            }

            options = AnalysisOptions.FromJson(json);
        }

        if (settings.ThresholdFactor is { } tf)
        {
            options = options with { ThresholdFactor = Number("--threshold-factor", tf) };
        }

        if (settings.MinDurationMs is { } min)
        {
            options = options with { MinDurationMs = Integer("--min-duration-ms", min) };
        }

        if (settings.SmoothingWindow is { } sw)
        {
            options = options with { SmoothingWindow = Integer("--smoothing-window", sw) };
        }

        if (settings.MvcValue is { } mvc)
        {
            options = options with { SessionMvcValue = Number("--mvc-value", mvc) };
        }

        if (settings.MvcPercentage is { } pct)
        {
            options = options with { SessionMvcThresholdPercentage = Number("--mvc-percentage", pct) };
        }

        if (settings.DurationThresholdMs is { } duration)
        {
            options = options with { ContractionDurationThreshold = Number("--duration-threshold-ms", duration) };
        }

        if (settings.ExpectedContractions is { } expected)
        {
            options = options with { SessionExpectedContractions = Integer("--expected-contractions", expected) };
        }

        if (settings.ExpectedContractionsCh1 is { } ch1)
        {
            options = options with { SessionExpectedContractionsCh1 = Integer("--expected-contractions-ch1", ch1) };
        }

        if (settings.ExpectedContractionsCh2 is { } ch2)
        {
            options = options with { SessionExpectedContractionsCh2 = Integer("--expected-contractions-ch2", ch2) };
        }

        if (settings.Channels is { } channels)
        {
            options = options with { Channels = channels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) };
        }

        if (settings.Mvc.Length > 0)
        {
            options = options with { SessionMvcValues = Map("--mvc", settings.Mvc, options.SessionMvcValues) };
        }

        if (settings.MvcPercentages.Length > 0)
        {
            options = options with { SessionMvcThresholdPercentages = Map("--mvc-percentages", settings.MvcPercentages, options.SessionMvcThresholdPercentages) };
        }

        if (settings.DurationThreshold.Length > 0)
        {
            options = options with { SessionDurationThresholdsPerMuscle = Map("--duration-threshold", settings.DurationThreshold, options.SessionDurationThresholdsPerMuscle) };
        }

        return options;
    }

    private static double Number(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new AnalysisOptionsException($"{option} needs a number, got '{text}'.");

    private static int Integer(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new AnalysisOptionsException($"{option} needs an integer, got '{text}'.");

    private static Dictionary<string, double?> Map(string option, IReadOnlyList<string> entries, IReadOnlyDictionary<string, double?>? start)
    {
        var map = start?.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) ?? new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == entry.Length - 1)
            {
                throw new AnalysisOptionsException($"{option} needs CHANNEL=NUMBER, got '{entry}'.");
            }

            map[entry[..equals].Trim()] = Number(option, entry[(equals + 1)..]);
        }

        return map;
    }

    internal static string ToText(string file, EmgAnalysisResult result)
    {
        var m = result.Metadata;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{file}: {result.SamplingRate:0.###} Hz, game {m.GameName ?? "?"} level {m.Level ?? "?"}, score {m.Score ?? "?"}, {m.Time ?? "?"}, player {m.PlayerName ?? "?"}");
        sb.AppendLine();
        sb.AppendLine();
        var header = new[] { "channel", "rms (V)", "mav (V)", "mpf (Hz)", "mdf (Hz)", "FI nsm5", "contractions", "good", "mvc", "duration", "mvc threshold (V)", "method", "duration thr (ms)" };
        var rows = new List<string[]> { header };
        foreach (var c in result.Analytics)
        {
            rows.Add(
            [
                c.Name, Format(c.Rms), Format(c.Mav), Format(c.Mpf, "0.00"), Format(c.Mdf, "0.00"), Format(c.FatigueIndexFiNsm5),
                Format(c.ContractionCount), Format(c.GoodContractionCount), Format(c.MvcContractionCount), Format(c.DurationContractionCount),
                Format(c.MvcThresholdActualValue), c.MvcEstimationMethod ?? "-", Format(c.DurationThresholdActualValue, "0.#"),
            ]);
        }

        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 || i == 11 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }

        foreach (var c in result.Analytics)
        {
            foreach (var (key, message) in c.Errors ?? [])
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{c.Name}: {key}: {message}");
            }
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"channels: {string.Join(", ", result.AvailableChannels)}");
        foreach (var line in Findings(result))
        {
            sb.AppendLine(line);
        }

        return sb.ToString();
    }

    /// <summary>One line per channel left out and per warning: "skipped: FX1 (N): …", "warning: FrameCountClamped: …".</summary>
    internal static IEnumerable<string> Findings(EmgAnalysisResult result)
    {
        foreach (var skipped in result.SkippedChannels)
        {
            yield return $"skipped: {skipped.Channel}{(skipped.Unit is null ? "" : $" ({skipped.Unit})")}: {skipped.Reason}";
        }

        foreach (var warning in result.Warnings)
        {
            yield return $"warning: {warning.Code}: {warning.Message}";
        }
    }

    private static string Format(double? value, string format = "0.000e+00") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Format(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}

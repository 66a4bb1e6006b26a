using System.Globalization;
using System.Text;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Processing;

namespace EmgSessions.Cli;

/// <summary><c>emgs analyze FILE [--json] [options]</c>: the ghostly-v1 EMG analysis of one C3D file.</summary>
internal sealed class AnalyzeCommand : ICliCommand
{
    public string Name => "analyze";

    public string Summary => "Analyse the EMG channels of a C3D file (profile ghostly-v1): metrics and contractions.";

    public string Usage => """
        Usage: emgs analyze FILE [--json] [options]
          FILE                              a .c3d recording
          --json                            print {metadata, analytics, available_channels} as JSON
          --threshold-factor F              detection threshold, fraction of the smoothed peak, (0, 1] (default 0.2)
          --min-duration-ms N               minimum contraction length in ms (default 100)
          --smoothing-window N              detection smoothing in samples (default 100)
          --mvc-value V                     global MVC in volts (session_mvc_value)
          --mvc CH=V                        MVC of one channel in volts (repeatable)
          --mvc-percentage P                global MVC threshold in % (default 75)
          --mvc-percentages CH=P            MVC threshold % of one channel (repeatable)
          --duration-threshold-ms MS        global duration threshold in ms (default 2000)
          --duration-threshold CH=S         duration threshold of one channel in SECONDS (repeatable)
          --expected-contractions N         expected contractions per channel
          --expected-contractions-ch1 N     ... for the first channel
          --expected-contractions-ch2 N     ... for the second channel
          --channels A,B                    analyse exactly these channels (labels or base names), even if their
                                            unit or label says they are not EMG; by default force, moment, angle
                                            and motion channels (N, N·mm, deg, FX1, Acc_1 :X, …) are skipped
          --options-json FILE               options as a JSON object with the spec's names (flags override it)
        """;

    public IReadOnlyCollection<string> Flags { get; } = ["json"];

    public IReadOnlyCollection<string> ValueOptions { get; } =
    [
        "threshold-factor", "min-duration-ms", "smoothing-window", "mvc-value", "mvc", "mvc-percentage",
        "mvc-percentages", "duration-threshold-ms", "duration-threshold", "expected-contractions",
        "expected-contractions-ch1", "expected-contractions-ch2", "options-json", "channels",
    ];

    public async Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(console);
        if (arguments.Positionals.Count != 1)
        {
            throw new CliUsageException(arguments.Positionals.Count == 0 ? "Which file? Give one C3D file." : "Give exactly one C3D file.");
        }

        AnalysisOptions options;
        try
        {
            options = await ReadOptionsAsync(arguments, cancellationToken);
            options.Validate();
        }
        catch (AnalysisOptionsException ex)
        {
            await console.Error.WriteLineAsync($"emgs analyze: invalid options: {ex.Message}");
            return CliApplication.UsageError;
        }

        var path = arguments.Positionals[0];
        C3dRecording recording;
        try
        {
            recording = C3dReader.Read(await File.ReadAllBytesAsync(path, cancellationToken));
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

        if (arguments.Flag("json"))
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
    internal static async Task<AnalysisOptions> ReadOptionsAsync(CliArguments arguments, CancellationToken cancellationToken)
    {
        var options = AnalysisOptions.Default;
        if (arguments.Value("options-json") is { } file)
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

        if (arguments.Value("threshold-factor") is { } tf)
        {
            options = options with { ThresholdFactor = Number("--threshold-factor", tf) };
        }

        if (arguments.Value("min-duration-ms") is { } min)
        {
            options = options with { MinDurationMs = Integer("--min-duration-ms", min) };
        }

        if (arguments.Value("smoothing-window") is { } sw)
        {
            options = options with { SmoothingWindow = Integer("--smoothing-window", sw) };
        }

        if (arguments.Value("mvc-value") is { } mvc)
        {
            options = options with { SessionMvcValue = Number("--mvc-value", mvc) };
        }

        if (arguments.Value("mvc-percentage") is { } pct)
        {
            options = options with { SessionMvcThresholdPercentage = Number("--mvc-percentage", pct) };
        }

        if (arguments.Value("duration-threshold-ms") is { } duration)
        {
            options = options with { ContractionDurationThreshold = Number("--duration-threshold-ms", duration) };
        }

        if (arguments.Value("expected-contractions") is { } expected)
        {
            options = options with { SessionExpectedContractions = Integer("--expected-contractions", expected) };
        }

        if (arguments.Value("expected-contractions-ch1") is { } ch1)
        {
            options = options with { SessionExpectedContractionsCh1 = Integer("--expected-contractions-ch1", ch1) };
        }

        if (arguments.Value("expected-contractions-ch2") is { } ch2)
        {
            options = options with { SessionExpectedContractionsCh2 = Integer("--expected-contractions-ch2", ch2) };
        }

        if (arguments.Value("channels") is { } channels)
        {
            options = options with { Channels = channels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) };
        }

        if (arguments.Values("mvc").Count > 0)
        {
            options = options with { SessionMvcValues = Map("--mvc", arguments.Values("mvc"), options.SessionMvcValues) };
        }

        if (arguments.Values("mvc-percentages").Count > 0)
        {
            options = options with { SessionMvcThresholdPercentages = Map("--mvc-percentages", arguments.Values("mvc-percentages"), options.SessionMvcThresholdPercentages) };
        }

        if (arguments.Values("duration-threshold").Count > 0)
        {
            options = options with { SessionDurationThresholdsPerMuscle = Map("--duration-threshold", arguments.Values("duration-threshold"), options.SessionDurationThresholdsPerMuscle) };
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

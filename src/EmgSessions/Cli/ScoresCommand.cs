using System.Globalization;
using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Scoring;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs scores SESSION [--json]</c>: a stored session's score; <c>emgs scores --calc [FILE] [inputs]</c>: the GHOSTLY+
/// scores of a recording and/or given counts and inputs (scoring.md §6), computed without a database with the built-in
/// trial configuration.
/// </summary>
internal sealed partial class ScoresCommand(CliConsole console) : CliCommand<ScoresSettings>(console)
{
    protected override async Task<int> RunAsync(ScoresSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        if (!settings.Calc)
        {
            var session = settings.File ?? throw new CliUsageException("Give a session id (emgs scores SESSION), or compute scores with --calc.");
            if (settings.Left is not null || settings.Right is not null || settings.Expected is not null || settings.Rpe is not null
                || settings.Game is not null || settings.Bfr is not null || settings.Profile is not null)
            {
                throw new CliUsageException("The count and input options go with --calc; enter a stored session's inputs with emgs inputs SESSION.");
            }

            return await ScoringHost.RunAsync("scores", settings, console, (services, store) =>
                StoredScores.ShowAsync(services, store, session, settings.Json, console, cancellationToken), cancellationToken);
        }

        var profile = ScoringProfiles.Default;
        if (settings.Profile is { } name && !ScoringProfiles.TryParse(name, out profile))
        {
            throw new CliUsageException($"--profile must be {ScoringProfiles.GhostlyTrialName} or {ScoringProfiles.GhostlyV1Name}, got '{name}'.");
        }

        var given = GivenInputs(settings);
        if ((given.Left is null || given.Right is null) && settings.File is null)
        {
            throw new CliUsageException("Give a C3D file, or the counts of both sides with --left T/M/D and --right T/M/D.");
        }

        // Check what was typed before reading and analysing a file.
        var errors = given.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await console.Error.WriteLineAsync($"emgs scores: {error.Message}");
            }

            return CliApplication.UsageError;
        }

        var inputs = given;
        var file = settings.File;
        if (file is not null)
        {
            var recording = await ReadAsync(file, console, cancellationToken);
            if (recording is null)
            {
                return CliApplication.Failure;
            }

            inputs = FromRecording(recording, given);
        }

        ScoringResult result;
        try
        {
            result = SessionScorer.Score(profile, inputs, ScoringConfiguration.BuiltInTrialDefault, DateTimeOffset.UtcNow);
        }
        catch (ScoringInputException ex)
        {
            await console.Error.WriteLineAsync($"emgs scores: {ex.Message}");
            return CliApplication.UsageError;
        }

        if (settings.Json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(result, JsonOutput.Options));
        }
        else
        {
            await console.Out.WriteAsync(ToText(file is null ? null : Path.GetFileName(file), inputs, result));
        }

        return CliApplication.Success;
    }

    /// <summary>The inputs given as options; the counts of a side are null when not given.</summary>
    internal static ScoringInputs GivenInputs(ScoresSettings settings)
    {
        int? game = null, max = null;
        if (settings.Game is { } text)
        {
            var parts = text.Split('/');
            if (parts.Length != 2)
            {
                throw new CliUsageException($"--game needs ACHIEVED/MAXIMUM points, e.g. 850/1000; got '{text}'.");
            }

            game = Integer("--game", parts[0]);
            max = Integer("--game", parts[1]);
        }

        int? expected = settings.Expected is { } e ? Integer("--expected", e) : null;
        return new ScoringInputs
        {
            Left = Counts("--left", settings.Left),
            Right = Counts("--right", settings.Right),
            ExpectedLeft = expected,
            ExpectedRight = expected,
            Rpe = settings.Rpe is { } rpe ? Integer("--rpe", rpe) : null,
            GamePointsAchieved = game,
            GamePointsMax = max,
            BfrPressureAop = settings.Bfr is { } bfr ? Number("--bfr", bfr) : null,
        };
    }

    /// <summary>The recording's counts (CH1 left, CH2 right) and THERAPY targets under the given inputs.</summary>
    private static ScoringInputs FromRecording(C3dRecording recording, ScoringInputs given)
    {
        var emg = AnalyticsScoringInputs.FromChannels(EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(recording)).Analytics);
        int? Target(string channel) => recording.Info.Parameters.Find($"THERAPY:TARGET_CONTRACTIONS_{channel}")?.GetNumber(0) is { } v
            && double.IsFinite(v) && v >= 1 && v <= int.MaxValue ? (int)v : null;
        var configurationDefault = ScoringConfiguration.BuiltInTrialDefault.DefaultExpectedContractions;
        return given with
        {
            Left = given.Left ?? emg.Left,
            Right = given.Right ?? emg.Right,
            ExpectedLeft = given.ExpectedLeft ?? ExpectedContractions.Resolve(emg.ExpectedLeft, null, Target("CH1"), configurationDefault).Value,
            ExpectedRight = given.ExpectedRight ?? ExpectedContractions.Resolve(emg.ExpectedRight, null, Target("CH2"), configurationDefault).Value,
        };
    }

    private static async Task<C3dRecording?> ReadAsync(string path, CliConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return C3dReader.Read(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;
            await console.Error.WriteLineAsync($"emgs scores: cannot read {path}: {reason}.");
        }
        catch (C3dFormatException ex)
        {
            await console.Error.WriteLineAsync($"emgs scores: {path} is not a readable C3D file: {ex.Problem} (byte {ex.Offset}).");
        }

        return null;
    }

    private static SideCounts? Counts(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 3
            ? new SideCounts(Integer(option, parts[0]), Integer(option, parts[1]), Integer(option, parts[2]))
            : throw new CliUsageException($"{option} needs TOTAL/MVC/DURATION contraction counts, e.g. 11/9/10; got '{text}'.");
    }

    private static int Integer(string option, string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"{option} needs whole numbers; got '{text}'.");

    private static double Number(string option, string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CliUsageException($"{option} needs a number; got '{text}'.");
}

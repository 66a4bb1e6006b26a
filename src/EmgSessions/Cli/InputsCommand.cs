using System.Globalization;
using EmgSessions.Core.Scores;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs inputs SESSION --rpe 6 --game 850/1000 --bfr 52</c>: enters a session's inputs as a therapist would (what is
/// not given stays as it was) and prints the new score.
/// </summary>
internal sealed class InputsCommand(CliConsole console) : CliCommand<InputsSettings>(console)
{
    protected override async Task<int> RunAsync(InputsSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        var change = Parse(settings, Environment.UserName);
        if (change.IsEmpty)
        {
            throw new CliUsageException("Give at least one input: --rpe N, --game A/M, --bfr P, --bfr-left P or --bfr-right P.");
        }

        return await ScoringHost.RunAsync("inputs", settings, console, (services, store) =>
            StoredScores.EnterAsync(services, store, settings.Session, change, settings.Json, console, cancellationToken), cancellationToken);
    }

    /// <summary>The options as a change of the therapist's inputs; a malformed value is a usage error naming its option.</summary>
    internal static SessionInputs Parse(InputsSettings settings, string enteredBy)
    {
        int? achieved = null, max = null;
        if (settings.Game is { } game)
        {
            var parts = game.Split('/');
            if (parts.Length != 2)
            {
                throw new CliUsageException($"--game needs ACHIEVED/MAXIMUM points, e.g. 850/1000; got '{game}'.");
            }

            achieved = Integer("--game", parts[0]);
            max = Integer("--game", parts[1]);
        }

        return new SessionInputs
        {
            Source = InputSources.Therapist,
            Rpe = settings.Rpe is { } rpe ? Integer("--rpe", rpe) : null,
            GamePointsAchieved = achieved,
            GamePointsMax = max,
            BfrPressureAop = settings.Bfr is { } bfr ? Number("--bfr", bfr) : null,
            BfrPressureAopLeft = settings.BfrLeft is { } left ? Number("--bfr-left", left) : null,
            BfrPressureAopRight = settings.BfrRight is { } right ? Number("--bfr-right", right) : null,
            EnteredBy = "cli:" + enteredBy,
            EnteredAt = DateTimeOffset.UtcNow,
        };
    }

    private static int Integer(string option, string text) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"{option} needs a whole number; got '{text}'.");

    private static double Number(string option, string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CliUsageException($"{option} needs a number; got '{text}'.");
}

using System.Globalization;
using System.Text;
using EmgSessions.Scoring;

namespace EmgSessions.Cli;

/// <summary>The table <c>emgs scores --calc</c> prints without <c>--json</c>.</summary>
internal sealed partial class ScoresCommand
{
    internal static string ToText(string? file, ScoringInputs inputs, ScoringResult result)
    {
        var sb = new StringBuilder();
        var source = result.ScoringConfigId is { } id ? id.ToString() : "built in";
        sb.AppendLine(CultureInfo.InvariantCulture, $"{(file is null ? "" : file + ": ")}profile {result.Profile}, configuration {result.ScoringConfigName} ({source})");
        sb.AppendLine();
        var sides = new List<string[]>
        {
            new[] { "side", "contractions (T/M/D)", "expected", "completion", "intensity", "duration", "compliance" },
            Side("left", inputs.Left, result.ExpectedContractionsLeft, result.CompletionRateLeft, result.IntensityRateLeft, result.DurationRateLeft, result.LeftMuscleCompliance),
            Side("right", inputs.Right, result.ExpectedContractionsRight, result.CompletionRateRight, result.IntensityRateRight, result.DurationRateRight, result.RightMuscleCompliance),
        };
        Table(sb, sides);
        sb.AppendLine();

        var w = result.WeightsUsed;
        var bfr = result.BfrPressureAop is { } p
            ? Invariant($"BFR {p:0.#} % AOP, {(result.BfrCompliant ? "in" : "outside")} the 45-55 % window")
            : "no BFR pressure";
        var rpe = result.RpePostSession is { } r ? Invariant($"RPE {r} ({result.RpeSource})") : "no RPE";
        var game = result.GamePointsAchieved is { } a && result.GamePointsMax is { } m ? Invariant($"{a}/{m} points") : "no game points";
        Table(sb,
        [
            ["score", "value", "weight", "from"],
            ["overall", Score(result.OverallScore), "", ""],
            ["compliance", Score(result.ComplianceScore), Weight(w.Compliance), bfr],
            ["symmetry", Score(result.SymmetryScore), Weight(w.Symmetry), "left vs right compliance"],
            ["effort", Score(result.EffortScore), Weight(w.Effort), rpe],
            ["game", Score(result.GameScore), Weight(w.Game), game],
        ]);
        foreach (var note in result.Notes)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }

        return sb.ToString();
    }

    private static string[] Side(string side, SideCounts? counts, int expected, double? completion, double? intensity, double? duration, double? compliance) =>
    [
        side,
        counts is null ? "-" : Invariant($"{counts.Total}/{counts.Mvc}/{counts.Duration}"),
        expected.ToString(CultureInfo.InvariantCulture),
        Rate(completion), Rate(intensity), Rate(duration), Score(compliance),
    ];

    private static void Table(StringBuilder sb, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 || i == row.Length - 1 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }
    }

    private static string Score(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Rate(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Weight(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.Text.Json;
using EmgSessions.Core.Scores;
using EmgSessions.Scoring;

namespace EmgSessions.Web.Queries;

/// <summary>
/// A stored GHOSTLY+ score as the Session page shows it: every component with the inputs and weights that produced it,
/// the profile and configuration (with its version), and the reasons a component is null. Read from the stored result
/// (scoring.md §4 names) so that ours and a predecessor's row (which has no weights, completeness or reasons) read alike;
/// what a row does not hold stays null and is said to be missing, never filled in.
/// </summary>
internal sealed record ScoreView
{
    public required string Origin { get; init; }

    public bool Stale { get; init; }

    public string? Profile { get; init; }

    public Guid? ConfigurationId { get; init; }

    public string? ConfigurationName { get; init; }

    /// <summary>The configuration's version among those of its name (1 = oldest); null when it is not in the database.</summary>
    public int? ConfigurationVersion { get; init; }

    public bool? ConfigurationActive { get; init; }

    public DateTimeOffset? ComputedAt { get; init; }

    public double? Overall { get; init; }

    public double? Compliance { get; init; }

    public double? Symmetry { get; init; }

    public double? Effort { get; init; }

    public double? Game { get; init; }

    public required ScoreSideView Left { get; init; }

    public required ScoreSideView Right { get; init; }

    public int? Rpe { get; init; }

    /// <summary><c>entered</c> or <c>default</c> (ghostly-trial used RPE 4 for a missing one); null when unknown.</summary>
    public string? RpeSource { get; init; }

    public int? GamePointsAchieved { get; init; }

    public int? GamePointsMax { get; init; }

    public double? BfrPressureAop { get; init; }

    public double? BfrPressureAopLeft { get; init; }

    public double? BfrPressureAopRight { get; init; }

    public bool? BfrCompliant { get; init; }

    /// <summary>The weights applied (after renormalisation); null for a row that does not record them.</summary>
    public ScoringWeights? Weights { get; init; }

    public DataCompleteness? Completeness { get; init; }

    /// <summary>Why a component is null or how a missing input was replaced, one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The notes that speak of <paramref name="component"/> (e.g. "effort", "overall").</summary>
    public IReadOnlyList<string> ReasonsFor(string component) =>
        [.. Notes.Where(n => n.Contains(component, StringComparison.OrdinalIgnoreCase))];

    public static ScoreView From(StoredScore stored, StoredConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(stored);
        using var document = JsonDocument.Parse(stored.ResultJson);
        var r = document.RootElement;
        return new ScoreView
        {
            Origin = stored.Origin,
            Stale = stored.Stale,
            Profile = stored.Profile ?? Text(r, "profile"),
            ConfigurationId = stored.ScoringConfigId,
            ConfigurationName = configuration?.Configuration.Name ?? Text(r, "scoring_config_name"),
            ConfigurationVersion = configuration?.Version,
            ConfigurationActive = configuration?.Configuration.Active,
            ComputedAt = stored.ComputedAt,
            Overall = Number(r, "overall_score"),
            Compliance = Number(r, "compliance_score"),
            Symmetry = Number(r, "symmetry_score"),
            Effort = Number(r, "effort_score"),
            Game = Number(r, "game_score"),
            Left = Side(r, "left"),
            Right = Side(r, "right"),
            Rpe = Integer(r, "rpe_post_session"),
            RpeSource = Text(r, "rpe_source"),
            GamePointsAchieved = Integer(r, "game_points_achieved"),
            GamePointsMax = Integer(r, "game_points_max"),
            BfrPressureAop = Number(r, "bfr_pressure_aop"),
            BfrPressureAopLeft = Number(r, "bfr_pressure_aop_left"),
            BfrPressureAopRight = Number(r, "bfr_pressure_aop_right"),
            BfrCompliant = r.TryGetProperty("bfr_compliant", out var bfr) && bfr.ValueKind is JsonValueKind.True or JsonValueKind.False ? bfr.GetBoolean() : null,
            Weights = ReadWeights(r),
            Completeness = ReadCompleteness(r),
            Notes = r.TryGetProperty("notes", out var notes) && notes.ValueKind == JsonValueKind.Array
                ? [.. notes.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!)]
                : [],
        };
    }

    private static ScoreSideView Side(JsonElement r, string side) => new(
        Number(r, side + "_muscle_compliance"),
        Number(r, "completion_rate_" + side),
        Number(r, "intensity_rate_" + side),
        Number(r, "duration_rate_" + side),
        Integer(r, "expected_contractions_" + side));

    private static ScoringWeights? ReadWeights(JsonElement r)
    {
        if (!r.TryGetProperty("weights_used", out var w) || w.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        double?[] values = [Number(w, "compliance"), Number(w, "symmetry"), Number(w, "effort"), Number(w, "game"), Number(w, "completion"), Number(w, "intensity"), Number(w, "duration")];
        return values.Any(v => v is null)
            ? null
            : new ScoringWeights(values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value, values[4]!.Value, values[5]!.Value, values[6]!.Value);
    }

    private static DataCompleteness? ReadCompleteness(JsonElement r)
    {
        if (!r.TryGetProperty("data_completeness", out var c) || c.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        static bool Flag(JsonElement c, string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        return new DataCompleteness(Flag(c, "has_emg_data"), Flag(c, "has_rpe"), Flag(c, "has_game_data"), Flag(c, "has_bfr_data"));
    }

    private static double? Number(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static int? Integer(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

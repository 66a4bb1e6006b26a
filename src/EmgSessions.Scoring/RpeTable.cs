using System.Globalization;
using System.Text.Json;

namespace EmgSessions.Scoring;

/// <summary>
/// The effort score of each Borg CR10 rating (RPE 0–10) of a trial configuration (scoring.md §3). A valid table
/// has a score from 0 to 100 for every rating from 0 to 10, so a stored RPE always finds its score.
/// </summary>
public sealed class RpeTable
{
    /// <summary>The lowest and highest ratings of the Borg CR10 scale.</summary>
    public const int MinRpe = 0;

    public const int MaxRpe = 10;

    private readonly SortedDictionary<int, double> _scores;

    public RpeTable(IEnumerable<KeyValuePair<int, double>> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        _scores = new SortedDictionary<int, double>();
        foreach (var (rpe, score) in scores)
        {
            _scores[rpe] = score;
        }
    }

    /// <summary>The trial default: 0→10, 1→25, 2→50, 3→85, 4→100, 5→100, 6→75, 7→50, 8→25, 9→15, 10→10.</summary>
    public static RpeTable TrialDefault { get; } = new(new Dictionary<int, double>
    {
        [0] = 10,
        [1] = 25,
        [2] = 50,
        [3] = 85,
        [4] = 100,
        [5] = 100,
        [6] = 75,
        [7] = 50,
        [8] = 25,
        [9] = 15,
        [10] = 10,
    });

    /// <summary>The ratings and their scores, by rating.</summary>
    public IReadOnlyDictionary<int, double> Scores => _scores;

    /// <summary>The score of <paramref name="rpe"/>, or null when the table has none.</summary>
    public double? ScoreOf(int rpe) => _scores.TryGetValue(rpe, out var score) ? score : null;

    /// <summary>Each problem with this table as (field, message); empty when it is valid.</summary>
    public IReadOnlyList<ScoringValidationError> Validate()
    {
        var errors = new List<ScoringValidationError>();
        foreach (var (rpe, score) in _scores)
        {
            if (rpe is < MinRpe or > MaxRpe)
            {
                errors.Add(new("rpe_mapping", $"rpe_mapping has an entry for RPE {rpe}; ratings go from {MinRpe} to {MaxRpe}."));
            }
            else if (!double.IsFinite(score) || score < 0 || score > 100)
            {
                errors.Add(new("rpe_mapping", $"rpe_mapping gives RPE {rpe} the score {score.ToString(CultureInfo.InvariantCulture)}; scores go from 0 to 100."));
            }
        }

        var missing = Enumerable.Range(MinRpe, MaxRpe - MinRpe + 1).Where(r => !_scores.ContainsKey(r)).ToArray();
        if (missing.Length > 0)
        {
            errors.Add(new("rpe_mapping", $"rpe_mapping has no score for RPE {string.Join(", ", missing)}; give one for every rating from {MinRpe} to {MaxRpe}."));
        }

        return errors;
    }

    /// <summary>
    /// Reads a table from JSON: the predecessor's <c>rpe_mapping</c> column (<c>{"4": {"score": 100, "category": …}}</c>)
    /// or the plain form <c>{"4": 100}</c>.
    /// </summary>
    /// <exception cref="ScoringConfigurationException">The JSON is not such an object.</exception>
    public static RpeTable FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("rpe_mapping must be a JSON object keyed by the RPE (\"0\" to \"10\").");
            }

            var scores = new Dictionary<int, double>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (!int.TryParse(entry.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rpe))
                {
                    throw Invalid($"rpe_mapping key '{entry.Name}' is not an RPE; use the ratings \"0\" to \"10\".");
                }

                var value = entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("score", out var score) ? score : entry.Value;
                if (value.ValueKind != JsonValueKind.Number)
                {
                    throw Invalid($"rpe_mapping entry '{entry.Name}' has no numeric score; give a number or {{\"score\": number}}.");
                }

                scores[rpe] = value.GetDouble();
            }

            return new RpeTable(scores);
        }
        catch (JsonException ex)
        {
            throw new ScoringConfigurationException($"rpe_mapping is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The table as the plain JSON object <c>{"0": 10, …}</c>.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(_scores.ToDictionary(e => e.Key.ToString(CultureInfo.InvariantCulture), e => e.Value));

    private static ScoringConfigurationException Invalid(string message) => new(message);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using EmgSessions.Scoring;

namespace EmgSessions.Core.Scores;

/// <summary>The stored and served form of a <see cref="ScoringResult"/>: scoring.md §4's names (snake_case).</summary>
internal static class ScoreJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(ScoringResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>A stored result of ours; null when it cannot be read back (written by another version).</summary>
    public static ScoringResult? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ScoringResult>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Text.Json.Nodes;

namespace EmgSessions.Core.Scores;

/// <summary>
/// A scoring configuration as JSON, the one shape for the API (<c>GET /api/scoring/configurations/{id}</c>) and the
/// provenance of an exported result: id, name, version, description, active, global, weights and RPE mapping.
/// </summary>
internal static class ScoringConfigurationJson
{
    public static JsonObject From(StoredConfiguration stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var c = stored.Configuration;
        var w = c.Weights;
        return new JsonObject
        {
            ["id"] = c.Id?.ToString(),
            ["configuration_name"] = c.Name,
            ["version"] = stored.Version,
            ["description"] = c.Description,
            ["active"] = c.Active,
            ["is_global"] = stored.IsGlobal,
            ["created_at"] = c.CreatedAt,
            ["weights"] = new JsonObject
            {
                ["compliance"] = w.Compliance,
                ["symmetry"] = w.Symmetry,
                ["effort"] = w.Effort,
                ["game"] = w.Game,
                ["completion"] = w.Completion,
                ["intensity"] = w.Intensity,
                ["duration"] = w.Duration,
            },
            ["rpe_mapping"] = JsonNode.Parse(c.RpeTable.ToJson()),
        };
    }
}

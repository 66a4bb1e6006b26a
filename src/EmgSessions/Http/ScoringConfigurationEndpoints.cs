using System.Text.Json;
using System.Text.Json.Nodes;
using EmgSessions.Core.Access;
using EmgSessions.Core.Scores;
using EmgSessions.Scoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary>
/// <c>/api/scoring/configurations</c>: list, read, create (always a new version, never an edit) and activate scoring
/// configurations (scoring.md §3). Scores keep the id of the version they used.
/// </summary>
internal static class ScoringConfigurationEndpoints
{
    public static IEndpointRouteBuilder MapScoringConfigurationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scoring/configurations").WithTags("Scores");
        group.MapGet("/", ListAsync).WithName("ListScoringConfigurations").RequirePermission(Permissions.ScoringRead);
        group.MapGet("/{id}", GetAsync).WithName("GetScoringConfiguration").RequirePermission(Permissions.ScoringRead);
        group.MapPost("/", CreateAsync).WithName("CreateScoringConfiguration").RequirePermission(Permissions.ScoringWrite);
        group.MapPost("/{id}/activate", ActivateAsync).WithName("ActivateScoringConfiguration").RequirePermission(Permissions.ScoringWrite);
        return app;
    }

    public static async Task<ContentHttpResult> ListAsync(IScoringStore store, CancellationToken cancellationToken)
    {
        var all = await store.ListConfigurationsAsync(cancellationToken).ConfigureAwait(false);
        var list = new JsonArray([.. all.Select(c => (JsonNode)Dto(c))]);
        return TypedResults.Content(new JsonObject { ["configurations"] = list }.ToJsonString(), "application/json");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(string id, IScoringStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var configId))
        {
            return MalformedId(id);
        }

        var all = await store.ListConfigurationsAsync(cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Configuration.Id == configId) is { } found
            ? TypedResults.Content(Dto(found).ToJsonString(), "application/json")
            : NotFound(configId);
    }

    /// <summary>
    /// <c>{"configuration_name", "description"?, "weights": {compliance, symmetry, effort, game, completion, intensity, duration},
    /// "rpe_mapping"?: {"0": score…}, "activate"?: true}</c> → 201 with the new version.
    /// </summary>
    public static async Task<Results<Created<JsonObject>, ProblemHttpResult>> CreateAsync(HttpContext context, IScoringStore store, CancellationToken cancellationToken)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            body = null;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is not JsonObject json)
        {
            errors["body"] = ["The body must be a JSON object: {\"configuration_name\": \"…\", \"weights\": {\"compliance\": 0.5, \"symmetry\": 0.25, \"effort\": 0.25, \"game\": 0, \"completion\": 0.333, \"intensity\": 0.333, \"duration\": 0.334}}."];
            return ScoreEndpoints.Invalid(errors);
        }

        var name = json["configuration_name"] is JsonValue n && n.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        if (name is null)
        {
            errors["configuration_name"] = ["configuration_name is required: a name such as GHOSTLY-TRIAL-DEFAULT (a new version when the name exists)."];
        }

        var weights = Weights(json["weights"] as JsonObject, errors);
        RpeTable rpe = RpeTable.TrialDefault;
        if (json["rpe_mapping"] is JsonObject mapping)
        {
            try
            {
                rpe = RpeTable.FromJson(mapping.ToJsonString());
            }
            catch (ScoringConfigurationException ex)
            {
                errors["rpe_mapping"] = [ex.Message];
            }
        }

        if (errors.Count > 0)
        {
            return ScoreEndpoints.Invalid(errors);
        }

        var configuration = new ScoringConfiguration
        {
            Name = name!,
            Description = json["description"] is JsonValue d && d.TryGetValue<string>(out var description) ? description : null,
            Weights = weights!,
            RpeTable = rpe,
        };
        foreach (var problem in configuration.Validate())
        {
            errors[problem.Field] = [problem.Message];
        }

        if (errors.Count > 0)
        {
            return ScoreEndpoints.Invalid(errors);
        }

        var activate = json["activate"] is not JsonValue a || !a.TryGetValue<bool>(out var flag) || flag;
        var stored = await store.AddConfigurationAsync(configuration, activate, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/scoring/configurations/{stored.Configuration.Id}", Dto(stored));
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ActivateAsync(string id, IScoringStore store, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var configId))
        {
            return MalformedId(id);
        }

        if (!await store.ActivateConfigurationAsync(configId, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(configId);
        }

        var all = await store.ListConfigurationsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Content(Dto(all.First(c => c.Configuration.Id == configId)).ToJsonString(), "application/json");
    }

    internal static JsonObject Dto(StoredConfiguration stored) => ScoringConfigurationJson.From(stored);

    private static ScoringWeights? Weights(JsonObject? weights, Dictionary<string, string[]> errors)
    {
        if (weights is null)
        {
            errors["weights"] = ["weights is required: {\"compliance\", \"symmetry\", \"effort\", \"game\", \"completion\", \"intensity\", \"duration\"}, each group summing to 1."];
            return null;
        }

        double Weight(string name)
        {
            if (weights[name] is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number))
            {
                return number;
            }

            errors["weights." + name] = [$"weights.{name} must be a number from 0 to 1."];
            return 0;
        }

        return new ScoringWeights(Weight("compliance"), Weight("symmetry"), Weight("effort"), Weight("game"), Weight("completion"), Weight("intensity"), Weight("duration"));
    }

    private static ProblemHttpResult MalformedId(string id)
    {
        var message = $"id '{SessionEndpoints.Shown(id)}' is not a configuration id: give a UUID.";
        return ScoreEndpoints.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["id"] = [message] });
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Configuration not found", detail: $"No scoring configuration has id {id}.");
}

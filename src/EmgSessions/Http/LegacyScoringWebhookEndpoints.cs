using System.Text.Json.Nodes;
using EmgSessions.Core.Access;
using EmgSessions.Core.Scores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary>
/// The predecessor's <c>POST /webhooks/session/{id}/update-future-data?rpe=&amp;bfr_pressure_aop=&amp;game_points_achieved=&amp;game_points_max=</c>,
/// for systems still calling it: inputs with source <c>legacy-webhook</c>, answered in its old shape
/// (<c>{success, message, session_id, updated_fields, new_scores}</c>; errors as <c>{"detail": …}</c>). It takes the webhook's
/// credential or an API key, as the status route does.
/// </summary>
internal static class LegacyScoringWebhookEndpoints
{
    public static IEndpointRouteBuilder MapLegacyScoringWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/session/{id}/update-future-data", UpdateFutureDataAsync)
            .WithTags("Webhook")
            .WithName("UpdateFutureData")
            .AddEndpointFilter<WebhookStatusFilter>()
            .RequirePermission(Permissions.SessionsAnnotate)
            .AllowAnonymous(); // the filter is its credential check (webhook secret or API key), as on the status route
        return app;
    }

    public static async Task<Results<Ok<JsonObject>, BadRequest<JsonObject>, NotFound<JsonObject>>> UpdateFutureDataAsync(
        string id,
        [FromQuery(Name = "rpe")] string? rpeText,
        [FromQuery(Name = "bfr_pressure_aop")] string? bfrText,
        [FromQuery(Name = "game_points_achieved")] string? achievedText,
        [FromQuery(Name = "game_points_max")] string? maxText,
        HttpContext context,
        ScoreInputs inputs,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return Detail400($"Invalid session ID format: '{SessionEndpoints.Shown(id)}' is not a UUID.");
        }

        var problems = new List<string>();
        var change = new SessionInputs
        {
            Source = InputSources.LegacyWebhook,
            Rpe = Integer(rpeText, "rpe", problems),
            BfrPressureAop = Number(bfrText, "bfr_pressure_aop", problems),
            GamePointsAchieved = Integer(achievedText, "game_points_achieved", problems),
            GamePointsMax = Integer(maxText, "game_points_max", problems),
            EnteredBy = HttpActor.Of(context).Name,
            EnteredAt = DateTimeOffset.UtcNow,
        };
        if (problems.Count > 0)
        {
            return Detail400(string.Join(" ", problems));
        }

        var outcome = await inputs.ChangeAsync(sessionId, change, cancellationToken).ConfigureAwait(false);
        if (!outcome.Found)
        {
            return TypedResults.NotFound(new JsonObject { ["detail"] = $"Session {sessionId} not found." });
        }

        if (outcome.Errors.Count > 0)
        {
            return Detail400(string.Join(" ", outcome.Errors.Select(e => e.Message)));
        }

        return TypedResults.Ok(new JsonObject
        {
            ["success"] = true,
            ["message"] = "Future data updated and scores recalculated",
            ["session_id"] = sessionId.ToString(),
            ["updated_fields"] = new JsonArray([.. outcome.UpdatedFields.Select(f => (JsonNode)JsonValue.Create(f))]),
            ["new_scores"] = outcome.Scores is null ? null : JsonNode.Parse(ScoreJson.Serialize(outcome.Scores)),
        });
    }

    private static BadRequest<JsonObject> Detail400(string detail) => TypedResults.BadRequest(new JsonObject { ["detail"] = detail });

    private static int? Integer(string? text, string name, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{name} must be a whole number (got '{SessionEndpoints.Shown(text)}').");
        return null;
    }

    private static double? Number(string? text, string name, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        problems.Add($"{name} must be a number (got '{SessionEndpoints.Shown(text)}').");
        return null;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Scores;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Scores;
using EmgSessions.Scoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary><c>/api/sessions/{id}/scores</c> and <c>/api/sessions/{id}/inputs</c>: a session's GHOSTLY+ scores and the inputs behind them (scoring.md §6).</summary>
internal static class ScoreEndpoints
{
    public static IEndpointRouteBuilder MapScoreEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions").WithTags("Scores");
        group.MapGet("/{id}/scores", GetScoresAsync).WithName("GetSessionScores").RequirePermission(Permissions.SessionsRead);
        group.MapPut("/{id}/inputs", PutInputsAsync).WithName("PutSessionInputs").RequirePermission(Permissions.SessionsAnnotate);
        return app;
    }

    /// <summary>The stored score with <c>origin</c> (<c>emgs</c> or <c>predecessor</c>) and <c>stale</c>.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetScoresAsync(
        string id, HttpContext context, IScoringStore store, Core.Stores.ISessionStore sessions, SessionQueries queries, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionEndpoints.MalformedId(id);
        }

        // Another therapist's session is "not found", as on the session routes.
        if (await queries.ReachAsync(HttpActor.Of(context), sessionId, cancellationToken).ConfigureAwait(false) is { IsOk: false } refused)
        {
            return AnswerProblems.Problem(refused);
        }

        var stored = await store.GetScoreAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            var session = await sessions.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
            return session is null
                ? NotFound(sessionId)
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "No score yet",
                    detail: $"Session {sessionId} is {session.ProcessingStatus} and has no score yet: it is scored when its processing completes.");
        }

        return TypedResults.Content(Served(stored), "application/json");
    }

    /// <summary>
    /// Partial inputs (<c>rpe</c>, <c>game_points_achieved</c>, <c>game_points_max</c>, <c>bfr_pressure_aop</c>,
    /// <c>bfr_pressure_aop_left</c>, <c>bfr_pressure_aop_right</c>): what is given replaces, the rest stays. Answers the new score.
    /// </summary>
    public static async Task<Results<ContentHttpResult, Accepted<JsonObject>, ProblemHttpResult>> PutInputsAsync(
        string id, HttpContext context, SessionScores scores, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionEndpoints.MalformedId(id);
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["body"] = ["The body must be a JSON object such as {\"rpe\": 6, \"game_points_achieved\": 850, \"game_points_max\": 1000, \"bfr_pressure_aop\": 52}."],
            });
        }

        using (body)
        {
            var (change, errors) = InputsBody.Read(body.RootElement, HttpActor.Of(context).Name);
            if (errors.Count > 0)
            {
                return Invalid(errors);
            }

            // The same service as the dashboard's form: a therapist reaches their patients' sessions only (another's
            // is "not found"), the inputs are stored as the caller's and the change is audited.
            var answer = await scores.ChangeInputsAsync(HttpActor.Of(context), sessionId, change!, cancellationToken).ConfigureAwait(false);
            if (!answer.IsOk)
            {
                return AnswerProblems.Problem(answer);
            }

            var outcome = answer.Value!;

            if (outcome.Errors.Count > 0)
            {
                return Invalid(outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
            }

            if (outcome.Scores is null)
            {
                return TypedResults.Accepted((string?)null, new JsonObject
                {
                    ["session_id"] = sessionId.ToString(),
                    ["message"] = "Inputs stored; the session is scored when its processing completes.",
                });
            }

            return TypedResults.Content(Served(outcome.Scores), "application/json");
        }
    }

    /// <summary>A stored score as served: its result with <c>origin</c> and <c>stale</c>.</summary>
    internal static string Served(StoredScore stored)
    {
        var node = JsonNode.Parse(stored.ResultJson)!.AsObject();
        node["origin"] = stored.Origin;
        node["stale"] = stored.Stale;
        return node.ToJsonString();
    }

    internal static string Served(ScoringResult result) =>
        Served(new StoredScore(result.SessionId ?? Guid.Empty, "emgs", result.Profile, result.ScoringConfigId, ScoreJson.Serialize(result), result.ComputedAt, Stale: false));

    internal static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid inputs",
            Detail = string.Join(" ", errors.Values.SelectMany(m => m)),
        });

    internal static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Session not found", detail: $"No session has id {id}.");
}

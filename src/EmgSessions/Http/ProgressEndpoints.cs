using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary><c>GET /api/patients/{code}/progress</c>: a patient's sessions with scores, adherence, trends and alerts (scoring.md §5).</summary>
internal static class ProgressEndpoints
{
    public static IEndpointRouteBuilder MapProgressEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/patients/{code}/progress", GetProgressAsync)
            .WithTags("Scores")
            .WithName("GetPatientProgress")
            .RequirePermission(Permissions.PatientsRead);
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetProgressAsync(
        string code,
        [FromQuery(Name = "treatment_start")] string? treatmentStartText,
        HttpContext context,
        PatientProgressReader progress,
        IPatientStore patients,
        CancellationToken cancellationToken)
    {
        // A therapist reads their own patients' progress only: anyone else's (or an unassigned code) is "not found".
        var actor = HttpActor.Of(context);
        if (AccessRules.GrantFor(actor, Permissions.PatientsRead) is Grant.OwnPatients)
        {
            var patient = string.IsNullOrWhiteSpace(code) ? null : await patients.GetPatientAsync(code, cancellationToken).ConfigureAwait(false);
            if (patient is null || AccessRules.DecideFor(actor, Permissions.PatientsRead, patient.TherapistId) != AccessDecision.Allowed)
            {
                return AccessProblems.PatientNotFound(code);
            }
        }

        DateOnly? start = null;
        if (!string.IsNullOrEmpty(treatmentStartText))
        {
            if (!DateOnly.TryParseExact(treatmentStartText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return ScoreEndpoints.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    ["treatment_start"] = [$"treatment_start must be a date such as 2025-09-01 (got '{SessionEndpoints.Shown(treatmentStartText)}')."],
                });
            }

            start = parsed;
        }

        var result = await progress.ReadAsync(code, start, cancellationToken).ConfigureAwait(false);
        return result is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Patient not found", detail: $"No session belongs to patient code '{SessionEndpoints.Shown(code)}'.")
            : TypedResults.Content(JsonSerializer.Serialize(result, ScoreJson.Options), "application/json");
    }
}

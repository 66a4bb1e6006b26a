using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Patients;
using EmgSessions.Core.Scores;
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
        PatientQueries patients,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patients);
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

        // Access (a therapist's own patients only; anyone else's or an unknown code is "not found") and the treatment
        // start (given, else the patient's, else the first session's) are the application layer's, as for the Patient page.
        var answer = await patients.GetAsync(HttpActor.Of(context), code, start, cancellationToken).ConfigureAwait(false);
        if (!answer.IsOk)
        {
            return AnswerProblems.Problem(answer);
        }

        return answer.Value!.Progress is not { } progress
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Patient not found", detail: $"No session belongs to patient code '{SessionEndpoints.Shown(code)}'.")
            : TypedResults.Content(JsonSerializer.Serialize(progress, ScoreJson.Options), "application/json");
    }
}

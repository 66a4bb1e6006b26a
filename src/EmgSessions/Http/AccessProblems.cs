using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmgSessions.Http;

/// <summary>The problem answers of access decisions, worded once for every people route.</summary>
internal static class AccessProblems
{
    public static ProblemHttpResult Forbidden(Actor actor, string permission) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not allowed",
        detail: $"The role {actor.RoleName} may not do this ({permission}). Ask an administrator if you need it.");

    public static ProblemHttpResult PatientNotFound(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Patient not found",
        detail: $"No patient {SessionEndpoints.Shown(code)} is visible to you. GET /api/patients lists the patients you may see.");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)), title: "Invalid request");

    /// <summary>The caller's address as the server saw it, for the audit trail.</summary>
    public static string? Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}

using EmgSessions.Core.Access;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary><c>/api/therapists</c> for admins: list, read, create for a user (which links that user's account).</summary>
internal static class TherapistEndpoints
{
    public static IEndpointRouteBuilder MapTherapistEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/therapists").WithTags("Therapists");
        group.MapGet("/", ListAsync).WithName("ListTherapists").RequirePermission(Permissions.TherapistsAdmin);
        group.MapPost("/", CreateAsync).WithName("CreateTherapist").RequirePermission(Permissions.TherapistsAdmin);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<TherapistDto>>, ProblemHttpResult>> ListAsync(
        HttpContext context, ITherapistStore therapists, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.TherapistsAdmin) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(actor, Permissions.TherapistsAdmin);
        }

        var list = await therapists.ListTherapistsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<TherapistDto>>([.. list.Select(TherapistDto.From)]);
    }

    public static async Task<Results<Created<TherapistDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewTherapistDto? body, HttpContext context, AccountAdministration accounts, IUserStore users, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.TherapistsAdmin) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(actor, Permissions.TherapistsAdmin);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body?.FirstName))
        {
            errors["first_name"] = ["first_name is required."];
        }

        if (body?.LastName is null)
        {
            errors["last_name"] = ["last_name is required (it may be empty)."];
        }

        if (string.IsNullOrWhiteSpace(body?.Email) == (body?.UserId is null))
        {
            errors["email"] = ["Give either email (a therapist account's) or user_id (a Supabase user id), not both."];
        }

        if (errors.Count > 0)
        {
            return AccessProblems.Invalid(errors);
        }

        var userId = body!.UserId;
        if (body.Email is { } email)
        {
            var user = await users.FindUserAsync(email, cancellationToken).ConfigureAwait(false);
            if (user is not { Role: Role.Therapist })
            {
                return AccessProblems.Invalid(new(StringComparer.Ordinal) { ["email"] = [$"No therapist account has the email {SessionEndpoints.Shown(email)}: create it with POST /api/users first."] });
            }

            userId = user.SupabaseUserId ?? user.Id;
        }

        try
        {
            var created = await accounts.AddTherapistAsync(actor, body.FirstName!, body.LastName!, userId!.Value, AccessProblems.Ip(context), cancellationToken)
                .ConfigureAwait(false);
            return TypedResults.Created($"/api/therapists/{created.Id}", TherapistDto.From(created));
        }
        catch (PeopleConflictException ex)
        {
            return AccessProblems.Conflict("Therapist not created", ex.Message);
        }
    }
}

using EmgSessions.Core.Access;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary><c>/api/users</c> for admins: list, create (answers a one-time password), disable, enable, reset a password.</summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users");
        group.MapGet("/", ListAsync).WithName("ListUsers").RequirePermission(Permissions.UsersAdmin);
        group.MapPost("/", CreateAsync).WithName("CreateUser").RequirePermission(Permissions.UsersAdmin);
        group.MapPost("/{email}/disable", (string email, HttpContext context, AccountAdministration accounts, IUserStore users, CancellationToken ct) =>
            SetDisabledAsync(email, true, context, accounts, users, ct)).WithName("DisableUser").RequirePermission(Permissions.UsersAdmin);
        group.MapPost("/{email}/enable", (string email, HttpContext context, AccountAdministration accounts, IUserStore users, CancellationToken ct) =>
            SetDisabledAsync(email, false, context, accounts, users, ct)).WithName("EnableUser").RequirePermission(Permissions.UsersAdmin);
        group.MapPost("/{email}/reset-password", ResetPasswordAsync).WithName("ResetUserPassword").RequirePermission(Permissions.UsersAdmin);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<UserDto>>, ProblemHttpResult>> ListAsync(HttpContext context, IUserStore users, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.UsersAdmin) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(actor, Permissions.UsersAdmin);
        }

        var list = await users.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<UserDto>>([.. list.Select(UserDto.From)]);
    }

    public static async Task<Results<Created<CreatedUserDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewUserDto? body, HttpContext context, AccountAdministration accounts, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.UsersAdmin) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(actor, Permissions.UsersAdmin);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body?.Email))
        {
            errors["email"] = ["email is required."];
        }

        if (!RoleNames.TryParse(body?.Role, out var role))
        {
            errors["role"] = ["role must be admin, therapist or researcher."];
        }

        if (errors.Count > 0)
        {
            return AccessProblems.Invalid(errors);
        }

        try
        {
            var created = await accounts.AddAsync(actor, body!.Email!, role, null, body.TherapistId, body.FirstName, body.LastName, AccessProblems.Ip(context), cancellationToken)
                .ConfigureAwait(false);
            return TypedResults.Created($"/api/users/{Uri.EscapeDataString(created.User.Email)}", new CreatedUserDto(UserDto.From(created.User), created.OneTimePassword!, created.Note));
        }
        catch (PeopleConflictException ex)
        {
            return AccessProblems.Conflict("User not created", ex.Message);
        }
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> SetDisabledAsync(
        string email, bool disabled, HttpContext context, AccountAdministration accounts, IUserStore users, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.UsersAdmin) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(actor, Permissions.UsersAdmin);
        }

        try
        {
            if (!await accounts.SetDisabledAsync(actor, email, disabled, AccessProblems.Ip(context), cancellationToken).ConfigureAwait(false))
            {
                return UserNotFound(email);
            }
        }
        catch (PeopleConflictException ex)
        {
            return AccessProblems.Conflict("User not changed", ex.Message);
        }

        return TypedResults.Ok(UserDto.From((await users.FindUserAsync(email, cancellationToken).ConfigureAwait(false))!));
    }

    public static async Task<Results<Ok<CreatedUserDto>, ProblemHttpResult>> ResetPasswordAsync(
        string email, HttpContext context, AccountAdministration accounts, IUserStore users, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.UsersAdmin) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(actor, Permissions.UsersAdmin);
        }

        try
        {
            var password = await accounts.ResetPasswordAsync(actor, email, null, AccessProblems.Ip(context), cancellationToken).ConfigureAwait(false);
            if (password is null)
            {
                return UserNotFound(email);
            }

            var user = (await users.FindUserAsync(email, cancellationToken).ConfigureAwait(false))!;
            return TypedResults.Ok(new CreatedUserDto(UserDto.From(user), password, null));
        }
        catch (PeopleConflictException ex)
        {
            return AccessProblems.Conflict("Password not reset", ex.Message);
        }
    }

    private static ProblemHttpResult UserNotFound(string email) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "User not found",
        detail: $"No account has the email {SessionEndpoints.Shown(email)}. GET /api/users lists them.");
}

using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http.Auth;

/// <summary>
/// Local accounts over HTTP: sign in (JSON or a form; a session cookie), sign out, who am I, change my password, and
/// the antiforgery token a signed-in browser sends with unsafe requests. <c>/api/auth/login</c> and
/// <c>/api/auth/logout</c> are the names access.md §5 gives scripts; <c>sign-in</c>/<c>sign-out</c> the same routes.
/// </summary>
internal static class AuthEndpoints
{
    /// <summary>The shortest password a password change accepts.</summary>
    public const int MinimumPasswordLength = 12;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        foreach (var route in new[] { "/sign-in", "/login" })
        {
            group.MapPost(route, SignInAsync).AllowAnonymous().DisableAntiforgery()
                .WithSummary("Sign in with email and password (JSON or form): 204 with the session cookie")
                .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        foreach (var route in new[] { "/sign-out", "/logout" })
        {
            group.MapPost(route, SignOutAsync).AllowAnonymous().WithSummary("End the cookie session");
        }

        group.MapGet("/me", Me).RequirePermission(Permissions.AccountSelf).WithName("Me");
        group.MapPost("/password", ChangePasswordAsync).RequirePermission(Permissions.AccountSelf).WithName("ChangePassword")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/antiforgery", Antiforgery).AllowAnonymous().WithName("AntiforgeryToken");
        return app;
    }

    public static async Task<IResult> SignInAsync(
        HttpContext context, SignInService signIn, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? email;
        string? password;
        string? returnUrl = null;
        var fromPage = false;
        if (context.Request.HasFormContentType)
        {
            var posted = await context.Request.ReadFormAsync(cancellationToken);
            fromPage = posted["page"] == SignInPage.FormMarker;
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                if (fromPage)
                {
                    return TypedResults.Redirect(SignInPage.Address(posted["return_url"], SignInPage.Expired));
                }

                return TypedResults.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Antiforgery token missing or invalid",
                    detail: $"A sign-in form must carry the antiforgery token from GET /api/auth/antiforgery in the '{CookieAntiforgery.FormField}' field.");
            }

            var form = await context.Request.ReadFormAsync(cancellationToken);
            email = form["email"];
            password = form["password"];
            returnUrl = form["return_url"];
        }
        else
        {
            var body = await ReadJsonAsync<SignInRequest>(context, cancellationToken);
            email = body?.Email;
            password = body?.Password;
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            if (fromPage)
            {
                return TypedResults.Redirect(SignInPage.Address(returnUrl, SignInPage.Missing));
            }

            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["email"] = ["Send 'email' and 'password' as JSON or form fields."] },
                title: "Email and password required");
        }

        var result = await signIn.SignInAsync(email, password, Ip(context), cancellationToken);
        if (fromPage && result.Outcome != SignInOutcome.Succeeded)
        {
            // The browser's form returns to the page, which says what was wrong; scripts get the problem below.
            var code = result.Outcome switch
            {
                SignInOutcome.LockedOut => SignInPage.LockedOut,
                SignInOutcome.Disabled => SignInPage.Disabled,
                _ => SignInPage.WrongPassword,
            };
            int? retry = result.Outcome == SignInOutcome.LockedOut ? Math.Max(1, (int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 1)) : null;
            return TypedResults.Redirect(SignInPage.Address(returnUrl, code, retry));
        }

        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                await context.SignInAsync(AuthSchemes.Cookie, ActorClaims.ToPrincipal(result.Actor!, AuthSchemes.Cookie));
                return IsLocal(returnUrl) ? TypedResults.Redirect(returnUrl!) : TypedResults.NoContent();
            case SignInOutcome.LockedOut:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 1));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Account locked",
                    detail: $"Too many failed sign-ins: try again in {seconds} seconds, or ask an admin to reset the password.");
            case SignInOutcome.Disabled:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Account disabled",
                    detail: "This account is disabled: ask an admin to enable it.");
            default:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Sign-in failed",
                    detail: "The email or the password is wrong.");
        }
    }

    public static async Task<IResult> SignOutAsync(HttpContext context, IAuditSink audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Cookie } && ActorClaims.ToActor(context.User) is { } actor)
        {
            await audit.AppendAsync(AuditEvent.By(actor, AuditActions.SignOut, clock, "user", actor.Name, Ip(context)), cancellationToken);
            await context.SignOutAsync(AuthSchemes.Cookie);
        }

        // The dashboard's sign-out button posts a form naming where to land (the sign-in page).
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            if (SignInPage.IsLocal(form["return_url"]))
            {
                return TypedResults.Redirect(form["return_url"]!);
            }
        }

        return TypedResults.NoContent();
    }

    public static Ok<MeDto> Me(HttpContext context)
    {
        var actor = HttpActor.Of(context);
        var scheme = context.User.Identity?.AuthenticationType ?? AuthSchemes.Local;
        return TypedResults.Ok(new MeDto(actor.Kind == ActorKind.Person ? actor.Name : null, actor.RoleName, scheme));
    }

    public static async Task<IResult> ChangePasswordAsync(
        HttpContext context,
        SignInService signIn,
        IAccountLookup accounts,
        IAccountDirectory directory,
        IPasswordHasher<LocalAccount> hasher,
        IAuditSink audit,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = HttpActor.Of(context);
        if (actor.Kind != ActorKind.Person || context.User.Identity?.AuthenticationType != AuthSchemes.Cookie)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a local account",
                detail: "Only a local account signed in with its password changes it here; Supabase users change theirs in Supabase.");
        }

        var body = await ReadJsonAsync<PasswordChangeRequest>(context, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(body?.CurrentPassword))
        {
            errors["current_password"] = ["Send the current password."];
        }

        if (body?.NewPassword is not { Length: >= MinimumPasswordLength } newPassword)
        {
            errors["new_password"] = [$"Choose a new password of at least {MinimumPasswordLength} characters."];
        }
        else if (newPassword == body.CurrentPassword)
        {
            errors["new_password"] = ["The new password must differ from the current one."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Password not changed");
        }

        var check = await signIn.SignInAsync(actor.Name, body!.CurrentPassword!, Ip(context), cancellationToken);
        if (check.Outcome != SignInOutcome.Succeeded || await accounts.FindByEmailAsync(actor.Name, cancellationToken) is not { } account)
        {
            return TypedResults.Problem(
                statusCode: check.Outcome == SignInOutcome.LockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status403Forbidden,
                title: "Password not changed",
                detail: check.Outcome == SignInOutcome.LockedOut
                    ? "Too many wrong passwords: the account is locked for a while; try again later."
                    : "The current password is wrong.");
        }

        if (!await directory.SetPasswordHashAsync(account.Email, hasher.HashPassword(account, body.NewPassword!), cancellationToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Password not changed",
                detail: "The account was removed while the password was being changed; ask an admin.");
        }

        await audit.AppendAsync(AuditEvent.By(actor, AuditActions.PasswordChanged, clock, "user", actor.Name, Ip(context)), cancellationToken);
        return TypedResults.NoContent();
    }

    public static Ok<AntiforgeryTokenDto> Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryTokenDto(tokens.RequestToken!, CookieAntiforgery.HeaderName, CookieAntiforgery.FormField));
    }

    private static async Task<T?> ReadJsonAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await context.Request.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Ip(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace EmgSessions.Http.Auth;

/// <summary>
/// Cross-site request forgery protection for browsers: an unsafe request (POST, PUT, PATCH, DELETE) authenticated by
/// the session cookie must carry the antiforgery token of that session — header <see cref="HeaderName"/> or form field
/// <see cref="FormField"/>, from <c>GET /api/auth/antiforgery</c>. Requests with an API key or a Supabase bearer
/// token carry no ambient credential and are exempt.
/// </summary>
internal sealed class CookieAntiforgery(RequestDelegate next, IAntiforgery antiforgery, IProblemDetailsService problems)
{
    public const string HeaderName = "X-CSRF-TOKEN";
    public const string FormField = "__RequestVerificationToken";
    public const string CookieName = "emgs.antiforgery";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsUnsafe(context.Request.Method)
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Cookie }
            && !await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Antiforgery token missing or invalid",
                    Detail = $"A signed-in browser must send the antiforgery token of its session: get one from GET /api/auth/antiforgery " +
                        $"and send it as the '{HeaderName}' header or the '{FormField}' form field.",
                },
            });
            return;
        }

        await next(context);
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}

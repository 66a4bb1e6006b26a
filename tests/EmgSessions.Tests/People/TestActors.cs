using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EmgSessions.Tests.People;

/// <summary>
/// Who a test request speaks for, until the authentication schemes (branch auth) sign people in: a middleware puts the
/// actor named by the <c>X-Test-Actor</c> header into <see cref="HttpContext.User"/> with <see cref="ActorClaims"/>,
/// exactly as a scheme does; the routes read it back with <c>HttpActor.Of</c>. Only the test host adds it.
/// </summary>
internal static class TestActors
{
    public const string Header = "X-Test-Actor";

    public static void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers[Header].ToString() is { Length: > 0 } text)
        {
            context.User = ActorClaims.ToPrincipal(Parse(text), "test");
        }

        await next(context);
    });

    public static string Admin => "admin:admin@example.org";

    public static string Researcher => "researcher:rita@example.org";

    public static string Machine => "machine:ci-key";

    public static string Therapist(string email, Guid therapistId) => $"therapist:{email}:{therapistId}";

    private static Actor Parse(string text)
    {
        var parts = text.Split(':');
        return parts[0] switch
        {
            "admin" => Actor.Admin(parts[1]),
            "researcher" => Actor.Researcher(parts[1]),
            "machine" => Actor.Machine(parts[1]),
            "therapist" => Actor.Therapist(parts[1], Guid.Parse(parts[2])),
            _ => throw new ArgumentException($"Unknown test actor '{text}'.", nameof(text)),
        };
    }
}

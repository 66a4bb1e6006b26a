using EmgSessions.Core.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.People;

/// <summary>
/// Who a test request speaks for without signing in: a middleware at the very start of the pipeline (before the
/// authentication schemes, which keep a principal they do not replace) puts the actor named by the <c>X-Test-Actor</c>
/// header into <see cref="HttpContext.User"/> with <see cref="ActorClaims"/>, exactly as a scheme does; authorization
/// and the routes read it as they read any caller. Only the test host registers it; sign-in itself is proved by the
/// auth tests.
/// </summary>
internal static class TestActors
{
    public const string Header = "X-Test-Actor";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestActorStartupFilter>();

    private sealed class TestActorStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                if (context.Request.Headers[Header].ToString() is { Length: > 0 } text)
                {
                    context.User = ActorClaims.ToPrincipal(Parse(text), "test");
                }

                await following(context);
            });
            next(app);
        };
    }

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

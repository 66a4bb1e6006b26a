using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.People;
using EmgSessions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http.Auth;

/// <summary>
/// <c>builder.AddEmgsAuth()</c> and <c>app.UseEmgsAuth()</c>: who is calling and what they may do.
/// One policy scheme picks, per request, the API key scheme (<c>Authorization: Bearer</c> with anything but a JWT),
/// the Supabase scheme (a bearer JWT, when Supabase is configured) or the session cookie of a local account; every
/// scheme builds its principal with <see cref="ActorClaims.ToPrincipal"/>. Authorization is one fallback policy whose
/// handler reads the route's <see cref="RequiredPermission"/> (<see cref="PermissionAuthorizationHandler"/>): a route
/// with neither a permission nor <c>AllowAnonymous</c> is refused to everyone.
/// </summary>
internal static class AuthRegistration
{
    public static WebApplicationBuilder AddEmgsAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = Settings(builder.Configuration);
        var services = builder.Services;
        var problems = settings.Check().ToList();
        if (problems.Count > 0)
        {
            throw EmgsConfigurationException.From(problems);
        }

        services.AddSingleton(settings);
        services.AddSingleton(sp => new ApiKeyRing(sp.GetRequiredService<IOptions<ServerOptions>>().Value));
        services.AddSingleton<ZeroSetupAccess>();

        // Unless the people store is registered (the users and audit_events tables), nobody has a password and the
        // audit trail goes to the log.
        services.TryAddSingleton<UnconfiguredAccounts>();
        services.TryAddSingleton<IAccountLookup>(sp => sp.GetRequiredService<UnconfiguredAccounts>());
        services.TryAddSingleton<IAccountDirectory>(sp => sp.GetRequiredService<UnconfiguredAccounts>());
        services.TryAddSingleton<IAuditSink, LoggingAuditSink>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<LocalAccount>, PasswordHasher<LocalAccount>>();
        services.AddSingleton(sp => sp.GetRequiredService<AuthSettings>().Lockout);
        services.AddSingleton<SignInService>();

        var authentication = services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "API key, Supabase token or session cookie", o => o.ForwardDefaultSelector = context => Select(context, settings))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "emgs.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(settings.SessionHours);
                o.SlidingExpiration = true;
                o.EventsType = typeof(CookieSessionEvents);
            });
        services.AddSingleton<CookieSessionEvents>();
        if (settings.Supabase is { } supabase)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, SupabaseAuthenticationHandler>(AuthSchemes.Supabase, null);
            services.AddHttpClient(AuthSchemes.Supabase, client => client.Timeout = TimeSpan.FromSeconds(10));
            services.AddSingleton(sp => new SupabaseTokenValidator(
                supabase,
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(AuthSchemes.Supabase),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SupabaseTokenValidator>>()));
            services.TryAddSingleton<ISupabaseUserDirectory>(sp =>
                new PredecessorSupabaseUsers(DatabaseOptions.Parse(sp.GetRequiredService<IOptions<DatabaseConnectionOptions>>().Value.Connection)));
        }

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieAntiforgery.HeaderName;
            o.FormFieldName = CookieAntiforgery.FormField;
            o.Cookie.Name = CookieAntiforgery.CookieName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(PermissionRequirement.Instance).Build());
        return builder;
    }

    /// <summary>Authentication, antiforgery for cookie sessions, then authorization; after routing, before the endpoints.</summary>
    public static WebApplication UseEmgsAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseMiddleware<CookieAntiforgery>();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The sign-in settings from configuration (<c>Auth</c> and <c>Supabase</c> sections).</summary>
    public static AuthSettings Settings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        var supabase = configuration.GetSection(AuthSettings.SupabaseSection);
        settings.Supabase = string.IsNullOrWhiteSpace(supabase["Url"]) ? null : supabase.Get<SupabaseAuthOptions>();
        return settings;
    }

    private static string Select(HttpContext context, AuthSettings settings)
    {
        if (ApiKeyRing.BearerToken(context.Request.Headers.Authorization.ToString()) is { } token)
        {
            return settings.SupabaseEnabled && LooksLikeJwt(token) ? AuthSchemes.Supabase : AuthSchemes.ApiKey;
        }

        return AuthSchemes.Cookie;
    }

    /// <summary>Three base64url segments, the first a JSON header (<c>eyJ</c> is the encoding of <c>{"</c>).</summary>
    private static bool LooksLikeJwt(string token) =>
        token.StartsWith("eyJ", StringComparison.Ordinal) && token.Count(c => c == '.') == 2;
}

using EmgSessions.Web.Components;
using EmgSessions.Web.Queries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Web;

/// <summary>
/// The dashboard in the <c>emgs serve</c> process (dashboard.md §4): Razor components rendered on the server, one
/// small query class per page over the store's read interfaces, and the chart scripts served from this assembly.
/// </summary>
internal static class DashboardRegistration
{
    /// <summary>Where the dashboard's scripts and styles are served.</summary>
    public const string AssetsPath = "/dashboard/assets";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddScoped<SessionListQuery>();
        services.AddScoped<SessionTableQuery>();
        services.AddScoped<SessionPageQuery>();
        services.AddScoped<PatientPageQuery>();
        services.AddScoped<OverviewQuery>();
        services.AddScoped<OperationsQuery>();
        services.AddScoped<AdminQuery>();
        return services;
    }

    /// <summary>Maps the pages at <c>/</c>; the caller adds the permission the pages need (the host's convention).</summary>
    public static RazorComponentsEndpointConventionBuilder MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(AssetsPath + "/{name}", DashboardAssets.Serve).ExcludeFromDescription().AllowAnonymous();
        return app.MapRazorComponents<App>();
    }
}

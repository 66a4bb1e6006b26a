using EmgSessions.Core.Application;
using Microsoft.Extensions.Hosting;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddApplication()</c>: the application layer (Core/Application) that HTTP routes and CLI verbs call with
/// the caller as an actor. Needs <c>AddSessionStore()</c> and <c>AddAnalyticsCache()</c>.
/// </summary>
internal static class ApplicationRegistration
{
    public static IHostApplicationBuilder AddApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddApplicationServices();
        return builder;
    }
}

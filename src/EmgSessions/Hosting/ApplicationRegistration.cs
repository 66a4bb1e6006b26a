using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Notes;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Notes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddApplication()</c>: the application layer (Core/Application) that HTTP routes and CLI verbs call with
/// the caller as an actor, and session notes on the sessions database. Needs <c>AddSessionStore()</c> and <c>AddAnalyticsCache()</c>.
/// </summary>
internal static class ApplicationRegistration
{
    public static IHostApplicationBuilder AddApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddApplicationServices();
        builder.Services.AddSingleton(sp => NoteStoreFactory.For(sp.GetRequiredService<ISessionStore>()));
        builder.Services.AddSingleton<SessionNotes>();
        return builder;
    }
}

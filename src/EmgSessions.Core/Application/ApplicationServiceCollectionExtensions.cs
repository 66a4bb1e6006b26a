using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Operations;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmgSessions.Core.Application;

/// <summary>
/// Registers the application layer: the query and command services every transport calls with an
/// <see cref="Actor"/>, and the patient directory their access decisions use (every session unassigned until a
/// directory over the patients table is registered before this call) and the audit sink reads by people go to
/// (the log, <see cref="LoggingAuditSink"/>, until the people store's sink is registered). Expects the store and the analytics cache.
/// </summary>
internal static class ApplicationServiceCollectionExtensions
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPatientDirectory, UnassignedPatientDirectory>();
        services.TryAddSingleton<IAuditSink, LoggingAuditSink>();
        services.TryAddSingleton<SessionQueries>();
        services.TryAddSingleton<SessionCommands>();
        services.TryAddSingleton<CacheOperations>();
        services.AddSessionIdLookup();
        return services;
    }

    /// <summary>
    /// Only <see cref="SessionIdLookup"/>: for hosts that resolve ids typed by people and need nothing else of the
    /// application layer. Expects the store.
    /// </summary>
    public static IServiceCollection AddSessionIdLookup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new SessionIdLookup(sp.GetRequiredService<ISessionStore>()));
        return services;
    }
}

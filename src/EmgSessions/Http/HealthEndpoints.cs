using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary><c>GET /health</c> (liveness) and <c>GET /health/ready</c> (database and storage answer).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/", Live).WithName("Liveness");
        group.MapGet("/ready", ReadyAsync).WithName("Readiness");
        return app;
    }

    public static Ok<HealthDto> Live() => TypedResults.Ok(new HealthDto("ok", null, null));

    public static async Task<Results<Ok<HealthDto>, ProblemHttpResult>> ReadyAsync(
        ISessionStore store, IObjectStorage storage, CancellationToken cancellationToken)
    {
        var database = await ProbeAsync(store.PingAsync, cancellationToken).ConfigureAwait(false);
        var bucket = await ProbeAsync(storage.PingAsync, cancellationToken).ConfigureAwait(false);
        if (database && bucket)
        {
            return TypedResults.Ok(new HealthDto("ready", "ok", "ok"));
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Not ready",
            detail: $"database: {(database ? "ok" : "unavailable")}, storage: {(bucket ? "ok" : "unavailable")}",
            extensions: new Dictionary<string, object?> { ["database"] = database ? "ok" : "unavailable", ["storage"] = bucket ? "ok" : "unavailable" });
    }

    private static async Task<bool> ProbeAsync(Func<CancellationToken, Task<bool>> ping, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await ping(timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // any failure of a probe means "not ready"
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}

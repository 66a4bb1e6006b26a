using EmgSessions.Core.Access;
using EmgSessions.Core.Caching;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace EmgSessions.Http;

/// <summary><c>/api/cache</c>: statistics, cleanup of expired entries, eviction by file hash (system.md §5, §6).</summary>
internal static class CacheEndpoints
{
    public static IEndpointRouteBuilder MapCacheEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cache").WithTags("Cache");
        group.MapGet("/stats", StatisticsAsync).WithName("CacheStatistics").RequirePermission(Permissions.OperationsRead);
        group.MapPost("/cleanup", CleanupAsync).WithName("CacheCleanup").RequirePermission(Permissions.OperationsWrite);
        group.MapDelete("/{fileHash}", EvictAsync).WithName("CacheEvict").RequirePermission(Permissions.OperationsWrite);
        return app;
    }

    public static async Task<Ok<CacheStatisticsDto>> StatisticsAsync(ISessionStore store, IOptions<CacheOptions> options, CancellationToken cancellationToken)
    {
        var statistics = await store.GetCacheStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(CacheStatisticsDto.From(statistics, options.Value.TtlDays));
    }

    /// <summary>Reports the stale entries; empties them only with <c>?confirm=true</c> (a report first, never an implicit erase).</summary>
    public static async Task<Ok<CacheCleanupDto>> CleanupAsync(
        ISessionStore store, IOptions<CacheOptions> options, [FromQuery] bool? confirm, CancellationToken cancellationToken)
    {
        var expired = await store.CountExpiredCacheAsync(options.Value.Ttl, cancellationToken).ConfigureAwait(false);
        if (confirm != true)
        {
            return TypedResults.Ok(new CacheCleanupDto(0, options.Value.TtlDays, expired, Confirmed: false));
        }

        var cleaned = await store.CleanupCacheAsync(options.Value.Ttl, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CacheCleanupDto(cleaned, options.Value.TtlDays, expired, Confirmed: true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EvictAsync(string fileHash, ISessionStore store, CancellationToken cancellationToken)
    {
        if (fileHash.Length != 64 || !fileHash.All(char.IsAsciiHexDigit))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed file hash",
                detail: "file_hash is the 64-character hex SHA-256 of the file.");
        }

        return await store.ClearCacheByHashAsync(fileHash.ToLowerInvariant(), cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown file hash", detail: $"No session has file_hash {fileHash}.");
    }
}

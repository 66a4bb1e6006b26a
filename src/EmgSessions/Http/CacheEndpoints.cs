using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

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

    public static async Task<Results<Ok<CacheStatisticsReport>, ProblemHttpResult>> StatisticsAsync(
        HttpContext context, CacheOperations cache, CancellationToken cancellationToken)
    {
        var answer = await cache.StatisticsAsync(HttpActor.Of(context), cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.Ok(answer.Value) : AnswerProblems.Problem(answer);
    }

    /// <summary>Reports the stale entries; empties them only with <c>?confirm=true</c> (a report first, never an implicit erase).</summary>
    public static async Task<Results<Ok<CacheCleanupReport>, ProblemHttpResult>> CleanupAsync(
        HttpContext context, CacheOperations cache, [FromQuery] bool? confirm, CancellationToken cancellationToken)
    {
        var answer = await cache.CleanupAsync(HttpActor.Of(context), confirm == true, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.Ok(answer.Value) : AnswerProblems.Problem(answer);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EvictAsync(
        string fileHash, HttpContext context, CacheOperations cache, CancellationToken cancellationToken)
    {
        var answer = await cache.EvictAsync(HttpActor.Of(context), fileHash, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.NoContent() : AnswerProblems.Problem(answer);
    }
}

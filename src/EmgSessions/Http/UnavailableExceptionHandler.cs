using EmgSessions.Core.Storage;
using EmgSessions.Core.Stores;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EmgSessions.Http;

/// <summary>Database or storage trouble during an API call: 503 problem details with Retry-After instead of a 500.</summary>
internal sealed class UnavailableExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var what = exception switch
        {
            DatabaseUnavailableException => "database",
            StorageUnavailableException => "storage",
            _ => null,
        };
        if (what is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = $"The {what} is unavailable",
                Detail = $"The {what} could not be reached; try again in {RetryAfterSeconds} s.",
            },
        }).ConfigureAwait(false);
    }
}

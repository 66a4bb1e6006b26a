using System.Data.Common;
using EmgSessions.Core.Migrations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Http;

/// <summary>
/// A statement the database refused during an API call (a schema this version does not expect, a constraint):
/// 500 problem details that say so and what to do, with the database's own message in the log only.
/// </summary>
internal sealed partial class DatabaseErrorExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseErrorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (DbException or MigrationException))
        {
            return false;
        }

        var code = exception is DbException { SqlState: { } state } ? state : "unknown";
        LogRefused(logger, exception, httpContext.Request.Method, httpContext.Request.Path, code);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The database refused the request",
                Detail = $"The database refused a statement of this request (SQLSTATE {code}). Its schema may not be the one this version expects: " +
                         "run `emgs migrate --status` (and `emgs migrate --dry-run`) on the server; the server log has the database's message.",
                Extensions = { ["sqlstate"] = code },
            },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database refused {Method} {Path} (SQLSTATE {SqlState})")]
    private static partial void LogRefused(ILogger logger, Exception exception, string method, string path, string sqlState);
}

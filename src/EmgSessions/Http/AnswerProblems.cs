using EmgSessions.Core.Application;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmgSessions.Http;

/// <summary>A failed <see cref="Answer{T}"/> of the application layer as problem details: one status code per kind.</summary>
internal static class AnswerProblems
{
    public static ProblemHttpResult Problem<T>(Answer<T> answer, IDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var status = answer.Kind switch
        {
            AnswerKind.Invalid => StatusCodes.Status400BadRequest,
            AnswerKind.NotFound => StatusCodes.Status404NotFound,
            AnswerKind.Forbidden => StatusCodes.Status403Forbidden,
            AnswerKind.Conflict => StatusCodes.Status409Conflict,
            _ => throw new ArgumentException("A successful answer is not a problem.", nameof(answer)),
        };
        return TypedResults.Problem(statusCode: status, title: answer.Title, detail: answer.Detail, extensions: extensions);
    }
}

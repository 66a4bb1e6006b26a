using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.Application.Notes;
using EmgSessions.Core.Stores.Notes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary>
/// <c>/api/sessions/{id}/notes</c>: a session's notes (dashboard.md §1), read and appended by those who may annotate
/// the session; researchers and machines are refused, another therapist's session is "not found".
/// </summary>
internal static class NoteEndpoints
{
    public static IEndpointRouteBuilder MapNoteEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions").WithTags("Notes");
        group.MapGet("/{id}/notes", ListAsync).WithName("ListSessionNotes").RequirePermission(Permissions.SessionsAnnotate);
        group.MapPost("/{id}/notes", AddAsync).WithName("AddSessionNote").RequirePermission(Permissions.SessionsAnnotate);
        return app;
    }

    /// <summary>The notes, oldest first: <c>{"notes":[{"id","author","text","created_at","origin"}]}</c>.</summary>
    public static async Task<Results<Ok<NotesBody>, ProblemHttpResult>> ListAsync(
        string id, HttpContext context, SessionNotes notes, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionEndpoints.MalformedId(id);
        }

        var answer = await notes.ListAsync(HttpActor.Of(context), sessionId, cancellationToken).ConfigureAwait(false);
        return answer.IsOk ? TypedResults.Ok(new NotesBody(answer.Value!.Select(NoteBody.Of).ToList())) : AnswerProblems.Problem(answer);
    }

    /// <summary>Appends <c>{"text": "…"}</c> as the caller's note; answers it with 201.</summary>
    public static async Task<Results<Created<NoteBody>, ProblemHttpResult>> AddAsync(
        string id, HttpContext context, SessionNotes notes, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var sessionId))
        {
            return SessionEndpoints.MalformedId(id);
        }

        string? text;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            text = body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            text = null;
        }

        if (SessionNotes.TextError(text?.Trim() ?? "") is { } error)
        {
            return Invalid(error);
        }

        var answer = await notes.AddAsync(HttpActor.Of(context), sessionId, text, cancellationToken).ConfigureAwait(false);
        if (!answer.IsOk)
        {
            return answer.Kind == Core.Application.AnswerKind.Invalid ? Invalid(answer.Detail ?? "text: the note is not valid.") : AnswerProblems.Problem(answer);
        }

        return TypedResults.Created($"/api/sessions/{sessionId}/notes", NoteBody.Of(answer.Value!));
    }

    private static ProblemHttpResult Invalid(string message) =>
        ScoreEndpoints.Invalid(new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["text"] = [message + " Send {\"text\": \"…\"} with 1 to 4,000 characters."],
        });

    /// <summary>The notes of a session as served.</summary>
    internal sealed record NotesBody(IReadOnlyList<NoteBody> Notes);

    /// <summary>One note as served; <c>origin</c> is <c>emgs</c> or <c>predecessor</c> (therapy_sessions.notes, no id).</summary>
    internal sealed record NoteBody(Guid? Id, string Author, string Text, DateTimeOffset? CreatedAt, string Origin)
    {
        public static NoteBody Of(SessionNote note) =>
            new(note.Id, note.Author, note.Text, note.CreatedAt, note.FromPredecessor ? SessionNote.PredecessorAuthor : "emgs");
    }
}

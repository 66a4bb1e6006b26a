namespace EmgSessions.Core.Stores.Notes;

/// <summary>The notes statements both engines accept as written (named <c>@</c> parameters).</summary>
internal static class NotesSql
{
    public const string SessionExists = "SELECT 1 FROM therapy_sessions WHERE id = @id";

    public const string Insert = """
        INSERT INTO session_notes (id, session_id, author, text, created_at) VALUES (@id, @session_id, @author, @text, @created_at)
        """;

    public const string List = """
        SELECT id, author, text, created_at FROM session_notes WHERE session_id = @id ORDER BY created_at, id
        """;

    /// <summary>Only on databases whose <c>therapy_sessions</c> has the predecessor's <c>notes</c> column.</summary>
    public const string PredecessorNote = """
        SELECT notes, created_at FROM therapy_sessions WHERE id = @id
        """;
}

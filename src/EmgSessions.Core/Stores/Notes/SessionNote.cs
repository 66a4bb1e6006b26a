namespace EmgSessions.Core.Stores.Notes;

/// <summary>
/// One note on a session: who wrote it (an actor's name, or <see cref="PredecessorAuthor"/> for the predecessor's
/// <c>therapy_sessions.notes</c>), when (null when unknown) and its text.
/// </summary>
internal sealed record SessionNote(Guid? Id, string Author, string Text, DateTimeOffset? CreatedAt)
{
    /// <summary>The author shown for the note an adopted database holds in <c>therapy_sessions.notes</c>.</summary>
    public const string PredecessorAuthor = "predecessor";

    /// <summary>The longest text a note may have, in characters.</summary>
    public const int MaxLength = 4000;

    public bool FromPredecessor => Id is null;
}

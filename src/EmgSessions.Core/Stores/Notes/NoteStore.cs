using System.Data.Common;
using System.Globalization;
using static EmgSessions.Core.Stores.DbCommands;

namespace EmgSessions.Core.Stores.Notes;

/// <summary>
/// Session notes once for both engines: <c>session_notes</c> (migration 080), append-only, plus the predecessor's
/// <c>therapy_sessions.notes</c> where the database has that column (read, never written). Each engine says how it
/// runs a transaction, stores ids and times, and how it asks whether the predecessor's column exists.
/// </summary>
internal abstract class NoteStore
{
    private bool? _hasPredecessorColumn;

    /// <summary>The notes of a session, the predecessor's first, then by time of writing; null when no such session.</summary>
    public Task<IReadOnlyList<SessionNote>?> ListAsync(Guid sessionId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SessionNote>?>(connection =>
        {
            if (!Exists(connection, null, sessionId))
            {
                return null;
            }

            var notes = new List<SessionNote>();
            if (HasPredecessorColumn(connection))
            {
                using var predecessor = Command(connection, null, NotesSql.PredecessorNote);
                Add(predecessor, "id", Id(sessionId));
                using var reader = predecessor.ExecuteReader();
                if (reader.Read() && !reader.IsDBNull(0) && reader.GetString(0) is { } text && !string.IsNullOrWhiteSpace(text))
                {
                    notes.Add(new SessionNote(null, SessionNote.PredecessorAuthor, text, ReadTime(reader, 1)));
                }
            }

            using var command = Command(connection, null, NotesSql.List);
            Add(command, "id", Id(sessionId));
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    notes.Add(new SessionNote(ReadGuid(reader, 0), reader.GetString(1), reader.GetString(2), ReadTime(reader, 3)));
                }
            }

            return notes;
        }, cancellationToken);

    /// <summary>The number of notes of each given session that has any (the predecessor's counted too).</summary>
    public Task<IReadOnlyDictionary<Guid, int>> CountAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        if (sessionIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<Guid, int>>(new Dictionary<Guid, int>());
        }

        return ReadAsync<IReadOnlyDictionary<Guid, int>>(connection =>
        {
            var names = sessionIds.Select((_, i) => "@s" + i.ToString(CultureInfo.InvariantCulture)).ToList();
            var inList = string.Join(", ", names);
            var sql = $"SELECT session_id, COUNT(*) FROM session_notes WHERE session_id IN ({inList}) GROUP BY session_id";
            if (HasPredecessorColumn(connection))
            {
                sql += $" UNION ALL SELECT id, 1 FROM therapy_sessions WHERE id IN ({inList}) AND notes IS NOT NULL AND TRIM(notes) <> ''";
            }

            using var command = Command(connection, null, sql);
            var index = 0;
            foreach (var id in sessionIds)
            {
                Add(command, "s" + index.ToString(CultureInfo.InvariantCulture), Id(id));
                index++;
            }

            var counts = new Dictionary<Guid, int>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = ReadGuid(reader, 0)!.Value;
                counts[id] = counts.GetValueOrDefault(id) + Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }

            return counts;
        }, cancellationToken);
    }

    /// <summary>Appends a note; null when no such session (nothing stored then).</summary>
    public Task<SessionNote?> AddAsync(Guid sessionId, string author, string text, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.Length > SessionNote.MaxLength)
        {
            throw new ArgumentException($"A note has at most {SessionNote.MaxLength} characters.", nameof(text));
        }

        var note = new SessionNote(Guid.NewGuid(), author, text, createdAt);
        return WriteAsync<SessionNote?>((connection, transaction) =>
        {
            if (!Exists(connection, transaction, sessionId))
            {
                return null;
            }

            using var insert = Command(connection, transaction, NotesSql.Insert);
            Add(insert, "id", Id(note.Id!.Value));
            Add(insert, "session_id", Id(sessionId));
            Add(insert, "author", author);
            Add(insert, "text", text);
            Add(insert, "created_at", Time(createdAt));
            insert.ExecuteNonQuery();
            return note;
        }, cancellationToken);
    }

    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken);

    protected abstract Task<T> ReadAsync<T>(Func<DbConnection, T> body, CancellationToken cancellationToken);

    protected abstract object Id(Guid id);

    protected abstract object Time(DateTimeOffset value);

    protected abstract DateTimeOffset? ReadTime(DbDataReader reader, int ordinal);

    /// <summary>SQL selecting a row when <c>therapy_sessions</c> has a <c>notes</c> column.</summary>
    protected abstract string PredecessorColumnSql { get; }

    private bool HasPredecessorColumn(DbConnection connection)
    {
        if (_hasPredecessorColumn is { } known)
        {
            return known;
        }

        using var command = Command(connection, null, PredecessorColumnSql);
        var has = command.ExecuteScalar() is not null and not DBNull;
        _hasPredecessorColumn = has;
        return has;
    }

    private bool Exists(DbConnection connection, DbTransaction? transaction, Guid sessionId)
    {
        using var command = Command(connection, transaction, NotesSql.SessionExists);
        Add(command, "id", Id(sessionId));
        return command.ExecuteScalar() is not null and not DBNull;
    }

    private static Guid? ReadGuid(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        _ => null,
    };
}

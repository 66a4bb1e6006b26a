using Npgsql;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>
/// The parts of <c>therapy_sessions</c> that differ between a database this application created and one adopted
/// from the predecessor, read from the catalogue once (and again after migrating): where <c>patient_id</c> and
/// <c>therapist_id</c> point, whether <c>session_code</c> must be filled, and which other tables refer to sessions.
/// The store's statements are built from it, so each shape is served as it is.
/// </summary>
internal sealed class PostgresSessionSchema
{
    /// <summary>Tables of this application that are deleted with their session (ON DELETE CASCADE).</summary>
    private static readonly string[] OwnTables = ["jobs", "c3d_technical_data", "session_inputs", "session_scores"];

    private const string ForeignKeysSql = """
        SELECT a.attname::text, c.confrelid::regclass::text, af.attname::text,
               EXISTS (SELECT 1 FROM information_schema.columns x
                       WHERE x.table_schema = current_schema() AND x.table_name = c.confrelid::regclass::text AND x.column_name = 'patient_code')
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid = 'therapy_sessions'::regclass AND cardinality(c.conkey) = 1
        """;

    private const string ReferencingSql = """
        SELECT DISTINCT c.conrelid::regclass::text, a.attname::text
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'therapy_sessions'::regclass AND cardinality(c.conkey) = 1
        ORDER BY 1, 2
        """;

    private const string SessionCodeSql = """
        SELECT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'therapy_sessions' AND column_name = 'session_code')
        """;

    private PostgresSessionSchema(
        (string Table, string Column)? patient,
        string? therapistTable,
        bool hasSessionCode,
        IReadOnlyList<(string Table, string Column)> referencing)
    {
        HasSessionCode = hasSessionCode;
        Referencing = referencing;
        TherapistTable = therapistTable;
        if (patient is { } p)
        {
            PatientValue = $"(SELECT p.{Quote(p.Column)} FROM {p.Table} p WHERE p.patient_code = @patient_id)";
            PatientUnknown = $"(@patient_id::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {p.Table} p WHERE p.patient_code = @patient_id))";
            PatientRead = p.Column == "patient_code"
                ? "ts.patient_id::text"
                : $"(SELECT p.patient_code FROM {p.Table} p WHERE p.{Quote(p.Column)} = ts.patient_id)";
        }
        else
        {
            PatientValue = "@patient_id";
            PatientUnknown = "false";
            PatientRead = "ts.patient_id::text";
        }
    }

    /// <summary>The value Phase 1 writes into <c>patient_id</c> for the path's code in <c>@patient_id</c> (NULL when unknown).</summary>
    public string PatientValue { get; }

    /// <summary>True (SQL) when <c>@patient_id</c> is a code <c>patients</c> does not know.</summary>
    public string PatientUnknown { get; }

    /// <summary>The session's patient code, read from <c>ts</c>.</summary>
    public string PatientRead { get; }

    /// <summary>The table <c>therapist_id</c> references (only its ids are written), or null.</summary>
    public string? TherapistTable { get; }

    /// <summary>The September shape's NOT NULL <c>session_code</c>: filled with the session's id.</summary>
    public bool HasSessionCode { get; }

    /// <summary>Other tables' columns that reference <c>therapy_sessions(id)</c>, this application's own excluded.</summary>
    public IReadOnlyList<(string Table, string Column)> Referencing { get; }

    public static Task<PostgresSessionSchema> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        PostgresUnitOfWork.ConnectionAsync(dataSource, connection => ReadAsync(connection, cancellationToken), cancellationToken);

    private static async Task<PostgresSessionSchema> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        (string, string)? patient = null;
        string? therapist = null;
        await using (var command = new NpgsqlCommand(ForeignKeysSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (reader.GetString(0))
                {
                    case "patient_id" when reader.GetBoolean(3):
                        patient = (reader.GetString(1), reader.GetString(2));
                        break;
                    case "therapist_id":
                        therapist = reader.GetString(1);
                        break;
                }
            }
        }

        var referencing = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(ReferencingSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetString(0);
                if (!OwnTables.Contains(table, StringComparer.Ordinal))
                {
                    referencing.Add((table, reader.GetString(1)));
                }
            }
        }

        await using var code = new NpgsqlCommand(SessionCodeSql, connection);
        var hasCode = (bool)(await code.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return new PostgresSessionSchema(patient, therapist, hasCode, referencing);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

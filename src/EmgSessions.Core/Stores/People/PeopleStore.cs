using System.Data.Common;
using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

/// <summary>
/// <see cref="IPeopleStore"/> written once over <see cref="PeopleDatabase"/> (SQLite or PostgreSQL): one partial file
/// per concern (<c>.Users</c>, <c>.Patients</c>, <c>.Therapists</c>, <c>.Audit</c>). The columns of <c>patients</c>
/// are read from the catalogue on first use, so an adopted predecessor table is served as it is.
/// </summary>
internal sealed partial class PeopleStore : IPeopleStore
{
    private readonly PeopleDatabase _database;
    private readonly TimeProvider _clock;
    private Task<PatientColumns>? _columns;

    public PeopleStore(PeopleDatabase database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
    }

    public async Task<PatientView?> FindAsync(string patientCode, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(patientCode) ? null : (await GetPatientAsync(patientCode, cancellationToken).ConfigureAwait(false))?.ToView();

    public Task<bool> HasPatientsAsync(Guid therapistId, CancellationToken cancellationToken) =>
        _database.ReadAsync(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, "SELECT EXISTS (SELECT 1 FROM patients WHERE therapist_id = @therapist_id)");
            _database.AddId(command, "@therapist_id", therapistId);
            var any = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToBoolean(any, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>The columns of <c>patients</c> (read once; again when a read failed or found no table yet).</summary>
    private async Task<PatientColumns> ColumnsAsync(CancellationToken cancellationToken)
    {
        var pending = _columns;
        if (pending is null || pending.IsFaulted || pending.IsCanceled)
        {
            pending = ReadColumnsAsync(cancellationToken);
            _columns = pending;
        }

        var columns = await pending.ConfigureAwait(false);
        if (!columns.Has("created_at") && !columns.Has("first_name") && !columns.Has("current_mvc75_ch1"))
        {
            _columns = null;
        }

        return columns;
    }

    private Task<PatientColumns> ReadColumnsAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(async connection =>
        {
            var patients = await ColumnNamesAsync(connection, "patients", cancellationToken).ConfigureAwait(false);
            var therapists = await ColumnNamesAsync(connection, "therapists", cancellationToken).ConfigureAwait(false);
            return new PatientColumns(patients, therapists.Count > 0);
        }, cancellationToken);

    private async Task<List<string>> ColumnNamesAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = PeopleDatabase.Command(connection, null, _database.ColumnsSql);
        PeopleDatabase.AddText(command, "@table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static string NormaliseEmail(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return email.Trim();
    }

    private static string NormaliseCode(string patientCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientCode);
        return patientCode.Trim();
    }
}

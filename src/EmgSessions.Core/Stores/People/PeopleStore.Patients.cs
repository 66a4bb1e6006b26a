using System.Data.Common;

namespace EmgSessions.Core.Stores.People;

internal sealed partial class PeopleStore
{
    public async Task<IReadOnlyList<PatientRecord>> ListPatientsAsync(Guid? therapistId, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(cancellationToken).ConfigureAwait(false);
        return await _database.ReadAsync<IReadOnlyList<PatientRecord>>(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null,
                $"SELECT {columns.SelectList()} FROM patients p {(therapistId is null ? "" : "WHERE p.therapist_id = @therapist_id")} ORDER BY p.patient_code");
            if (therapistId is { } therapist)
            {
                _database.AddId(command, "@therapist_id", therapist);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var patients = new List<PatientRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                patients.Add(ReadPatient(reader));
            }

            return patients;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PatientRecord?> GetPatientAsync(string patientCode, CancellationToken cancellationToken)
    {
        var code = NormaliseCode(patientCode);
        var columns = await ColumnsAsync(cancellationToken).ConfigureAwait(false);
        return await _database.ReadAsync(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, $"SELECT {columns.SelectList()} FROM patients p WHERE p.patient_code = @code");
            PeopleDatabase.AddText(command, "@code", code);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadPatient(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PatientRecord> CreatePatientAsync(NewPatient patient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var code = NormaliseCode(patient.PatientCode);
        var columns = await ColumnsAsync(cancellationToken).ConfigureAwait(false);
        var values = Values(patient.Targets ?? PatientTargets.None);
        values.Insert(0, ("first_name", patient.FirstName, (c, n, v) => PeopleDatabase.AddText(c, n, (string?)v)));
        values.Insert(1, ("last_name", patient.LastName, (c, n, v) => PeopleDatabase.AddText(c, n, (string?)v)));
        values.Insert(2, ("date_of_birth", patient.DateOfBirth, (c, n, v) => _database.AddDate(c, n, (DateOnly?)v)));
        values.Insert(3, ("treatment_start_date", patient.TreatmentStartDate, (c, n, v) => _database.AddDate(c, n, (DateOnly?)v)));
        var given = Supported(columns, values);
        var now = _clock.GetUtcNow();
        var stamps = new[] { "created_at", "updated_at" }.Where(columns.Has).ToList();
        var names = string.Join("", given.Select(v => ", " + v.Column).Concat(stamps.Select(s => ", " + s)));
        var parameters = string.Join("", given.Select(v => ", @" + v.Column).Concat(stamps.Select(_ => ", @now")));
        try
        {
            await _database.WriteAsync(async (connection, transaction) =>
            {
                await using var command = PeopleDatabase.Command(connection, transaction,
                    $"INSERT INTO patients (id, patient_code, therapist_id{names}) VALUES (@id, @code, @therapist_id{parameters})");
                _database.AddId(command, "@id", Guid.CreateVersion7(now));
                PeopleDatabase.AddText(command, "@code", code);
                _database.AddId(command, "@therapist_id", patient.TherapistId);
                _database.AddTime(command, "@now", now);
                foreach (var (column, value, add) in given)
                {
                    add(command, "@" + column, value);
                }

                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsUniqueViolation(ex))
        {
            throw new PeopleConflictException($"A patient with the code {code} exists already: choose another code, or change that patient.", ex);
        }
        catch (Exception ex) when (Refusal(ex, patient.TherapistId) is { } message)
        {
            throw new PeopleConflictException(message, ex);
        }

        return (await GetPatientAsync(code, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<PatientRecord?> UpdateTargetsAsync(string patientCode, PatientTargets targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var code = NormaliseCode(patientCode);
        var columns = await ColumnsAsync(cancellationToken).ConfigureAwait(false);
        var values = Supported(columns, Values(targets), settingAll: true);
        if (columns.Has("updated_at"))
        {
            values.Add(("updated_at", _clock.GetUtcNow(), (c, n, v) => _database.AddTime(c, n, (DateTimeOffset?)v)));
        }

        if (values.Count == 0)
        {
            return await GetPatientAsync(code, cancellationToken).ConfigureAwait(false);
        }

        var changed = await _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = PeopleDatabase.Command(connection, transaction,
                $"UPDATE patients SET {string.Join(", ", values.Select(v => v.Column + " = @" + v.Column))} WHERE patient_code = @code");
            PeopleDatabase.AddText(command, "@code", code);
            foreach (var (column, value, add) in values)
            {
                add(command, "@" + column, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return changed == 0 ? null : await GetPatientAsync(code, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PatientRecord?> AssignPatientAsync(string patientCode, Guid? therapistId, CancellationToken cancellationToken)
    {
        var code = NormaliseCode(patientCode);
        var columns = await ColumnsAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            changed = await _database.WriteAsync(async (connection, transaction) =>
            {
                await using var command = PeopleDatabase.Command(connection, transaction,
                    $"UPDATE patients SET therapist_id = @therapist_id{(columns.Has("updated_at") ? ", updated_at = @now" : "")} WHERE patient_code = @code");
                PeopleDatabase.AddText(command, "@code", code);
                _database.AddId(command, "@therapist_id", therapistId);
                _database.AddTime(command, "@now", _clock.GetUtcNow());
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Refusal(ex, therapistId) is { } message)
        {
            throw new PeopleConflictException(message, ex);
        }

        return changed == 0 ? null : await GetPatientAsync(code, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why the database refused a patient write, in words for the user; null for other errors.</summary>
    private string? Refusal(Exception exception, Guid? therapistId)
    {
        if (_database.IsForeignKeyViolation(exception))
        {
            return $"No therapist has the id {therapistId}: list the therapists and use one of their ids.";
        }

        return _database.NotNullViolationColumn(exception) is { } column
            ? $"This database requires {column.Replace('_', ' ')} for every patient (as the predecessor did): give it."
            : null;
    }

    private delegate void AddValue(DbCommand command, string name, object? value);

    private List<(string Column, object? Value, AddValue Add)> Values(PatientTargets targets)
    {
        void Real(DbCommand c, string n, object? v) => PeopleDatabase.AddReal(c, n, (double?)v);
        void Integer(DbCommand c, string n, object? v) => PeopleDatabase.AddInteger(c, n, (int?)v);
        return
        [
            ("current_mvc75_ch1", targets.MvcCh1, Real),
            ("current_mvc75_ch2", targets.MvcCh2, Real),
            ("current_target_ch1_ms", targets.DurationCh1Ms, Real),
            ("current_target_ch2_ms", targets.DurationCh2Ms, Real),
            ("target_contractions_ch1", targets.ContractionsCh1, Integer),
            ("target_contractions_ch2", targets.ContractionsCh2, Integer),
            ("target_bfr_percent", targets.BfrPercent, Real),
        ];
    }

    /// <summary>
    /// The values whose column exists; a value given for a column the table lacks is refused with its name. With
    /// <paramref name="settingAll"/>, nulls are kept (they clear a target); otherwise only given values are written.
    /// </summary>
    private static List<(string Column, object? Value, AddValue Add)> Supported(
        PatientColumns columns, List<(string Column, object? Value, AddValue Add)> values, bool settingAll = false)
    {
        var missing = values.Where(v => v.Value is not null && !columns.Has(v.Column)).Select(v => v.Column).ToList();
        if (missing.Count > 0)
        {
            throw new PeopleConflictException(
                $"This database's patients table has no column for {string.Join(", ", missing)} (it is kept as the predecessor made it): leave {(missing.Count == 1 ? "it" : "them")} out.");
        }

        return [.. values.Where(v => columns.Has(v.Column) && (settingAll || v.Value is not null))];
    }

    private PatientRecord ReadPatient(DbDataReader reader) => new(
        _database.ReadId(reader, 0),
        reader.GetString(1),
        _database.ReadNullableId(reader, 2),
        PeopleDatabase.ReadText(reader, 3),
        PeopleDatabase.ReadText(reader, 4),
        _database.ReadNullableDate(reader, 5),
        _database.ReadNullableDate(reader, 6),
        new PatientTargets(
            PeopleDatabase.ReadReal(reader, 7),
            PeopleDatabase.ReadReal(reader, 8),
            PeopleDatabase.ReadReal(reader, 9),
            PeopleDatabase.ReadReal(reader, 10),
            PeopleDatabase.ReadInteger(reader, 11),
            PeopleDatabase.ReadInteger(reader, 12),
            PeopleDatabase.ReadReal(reader, 13)),
        _database.ReadNullableTime(reader, 14));
}

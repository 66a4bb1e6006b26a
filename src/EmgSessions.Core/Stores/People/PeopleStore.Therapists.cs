using System.Data.Common;

namespace EmgSessions.Core.Stores.People;

internal sealed partial class PeopleStore
{
    private const string LinkedEmail = "(SELECT min(u.email) FROM users u WHERE u.therapist_id = t.id)";

    public async Task<IReadOnlyList<TherapistRecord>> ListTherapistsAsync(CancellationToken cancellationToken)
    {
        var sql = TherapistsSql(await ColumnsAsync(cancellationToken).ConfigureAwait(false)) + " ORDER BY 4, 3, 1";
        return await _database.ReadAsync<IReadOnlyList<TherapistRecord>>(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var therapists = new List<TherapistRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                therapists.Add(ReadTherapist(reader));
            }

            return therapists;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TherapistRecord?> GetTherapistAsync(Guid therapistId, CancellationToken cancellationToken)
    {
        var sql = TherapistsSql(await ColumnsAsync(cancellationToken).ConfigureAwait(false)) + " AND t.id = @id";
        return await _database.ReadAsync(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, sql);
            _database.AddId(command, "@id", therapistId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTherapist(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TherapistRecord> CreateTherapistAsync(string firstName, string lastName, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firstName);
        ArgumentNullException.ThrowIfNull(lastName);
        var columns = await ColumnsAsync(cancellationToken).ConfigureAwait(false);
        if (!columns.TherapistsTable)
        {
            throw new PeopleConflictException(
                "This database keeps its therapists as Supabase user profiles (user_profiles with role therapist): create the therapist there; it is listed here at once.");
        }

        var id = Guid.CreateVersion7(_clock.GetUtcNow());
        try
        {
            await _database.WriteAsync(async (connection, transaction) =>
            {
                await using var insert = PeopleDatabase.Command(connection, transaction, """
                    INSERT INTO therapists (id, user_id, first_name, last_name, created_at) VALUES (@id, @user_id, @first_name, @last_name, @now)
                    """);
                _database.AddId(insert, "@id", id);
                _database.AddId(insert, "@user_id", userId);
                PeopleDatabase.AddText(insert, "@first_name", firstName.Trim());
                PeopleDatabase.AddText(insert, "@last_name", lastName.Trim());
                _database.AddTime(insert, "@now", _clock.GetUtcNow());
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                await using var link = PeopleDatabase.Command(connection, transaction, """
                    UPDATE users SET therapist_id = @id WHERE role = 'therapist' AND (id = @user_id OR supabase_user_id = @user_id)
                    """);
                _database.AddId(link, "@id", id);
                _database.AddId(link, "@user_id", userId);
                return await link.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsUniqueViolation(ex))
        {
            throw new PeopleConflictException($"The user {userId} has a therapist already: link to that one.", ex);
        }
        catch (Exception ex) when (_database.IsForeignKeyViolation(ex))
        {
            throw new PeopleConflictException(
                $"This database requires a therapist's user to be a Supabase user (auth.users); {userId} is not one: give the Supabase user id.", ex);
        }

        return (await GetTherapistAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Therapists as (id, user id, first name, last name, linked email), with a WHERE clause to extend.</summary>
    private static string TherapistsSql(PatientColumns columns) => columns.TherapistsTable
        ? $"SELECT t.id, t.user_id, t.first_name, t.last_name, {LinkedEmail} FROM therapists t WHERE 1 = 1"
        : $"SELECT t.id, t.id, coalesce(t.first_name, ''), coalesce(t.last_name, ''), {LinkedEmail} FROM user_profiles t WHERE t.role = 'therapist'";

    private TherapistRecord ReadTherapist(DbDataReader reader) => new(
        _database.ReadId(reader, 0), _database.ReadId(reader, 1), reader.GetString(2), reader.GetString(3), PeopleDatabase.ReadText(reader, 4));
}

using System.Data.Common;
using EmgSessions.Core.Access;

namespace EmgSessions.Core.Stores.People;

internal sealed partial class PeopleStore
{
    private const string UserColumns = """
        id, email, role, status, therapist_id, supabase_user_id, failed_sign_ins, locked_until, last_sign_in_at, created_at
        """;

    public Task<LocalAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        email = NormaliseEmail(email);
        return _database.ReadAsync(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, """
                SELECT id, email, password_hash, role, status, therapist_id, failed_sign_ins, locked_until
                FROM users WHERE lower(email) = lower(@email)
                """);
            PeopleDatabase.AddText(command, "@email", email);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new LocalAccount(
                _database.ReadId(reader, 0), reader.GetString(1), reader.GetString(2), ParseRole(reader.GetString(3)),
                _database.ReadNullableId(reader, 5), reader.GetString(4) == "disabled",
                PeopleDatabase.ReadInteger(reader, 6) ?? 0, _database.ReadNullableTime(reader, 7));
        }, cancellationToken);
    }

    public Task<int> IncrementFailedSignInsAsync(Guid accountId, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = PeopleDatabase.Command(connection, transaction, """
                UPDATE users SET failed_sign_ins = failed_sign_ins + 1, updated_at = @now WHERE id = @id
                RETURNING failed_sign_ins
                """);
            _database.AddId(command, "@id", accountId);
            _database.AddTime(command, "@now", _clock.GetUtcNow());
            var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return count is null or DBNull ? 0 : Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task LockUntilAsync(Guid accountId, DateTimeOffset until, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE users SET locked_until = @until, updated_at = @now WHERE id = @id", command =>
        {
            _database.AddId(command, "@id", accountId);
            _database.AddTime(command, "@until", until);
        }, cancellationToken);

    public Task RecordSuccessfulSignInAsync(Guid accountId, DateTimeOffset at, string? rehashedPassword, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @at, updated_at = @now
            {(rehashedPassword is null ? "" : ", password_hash = @hash")}
            WHERE id = @id
            """, command =>
        {
            _database.AddId(command, "@id", accountId);
            _database.AddTime(command, "@at", at);
            if (rehashedPassword is not null)
            {
                PeopleDatabase.AddText(command, "@hash", rehashedPassword);
            }
        }, cancellationToken);

    public async Task<UserRecord> CreateUserAsync(NewUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.PasswordHash);
        var email = NormaliseEmail(user.Email);
        var id = Guid.CreateVersion7(_clock.GetUtcNow());
        try
        {
            await ExecuteAsync("""
                INSERT INTO users (id, email, password_hash, role, status, therapist_id, supabase_user_id, created_at, updated_at)
                VALUES (@id, @email, @hash, @role, 'active', @therapist_id, @supabase_user_id, @now, @now)
                """, command =>
            {
                _database.AddId(command, "@id", id);
                PeopleDatabase.AddText(command, "@email", email);
                PeopleDatabase.AddText(command, "@hash", user.PasswordHash);
                PeopleDatabase.AddText(command, "@role", RoleNames.Of(user.Role));
                _database.AddId(command, "@therapist_id", user.Role == Role.Therapist ? user.TherapistId : null);
                _database.AddId(command, "@supabase_user_id", user.SupabaseUserId);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsUniqueViolation(ex))
        {
            throw new PeopleConflictException($"A user with the email {email} (or that Supabase user id) exists already: choose another, or reset that user's password.", ex);
        }

        return (await FindUserAsync(email, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<UserRecord>>(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, $"SELECT {UserColumns} FROM users ORDER BY lower(email)");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var users = new List<UserRecord>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                users.Add(ReadUser(reader));
            }

            return users;
        }, cancellationToken);

    public Task<UserRecord?> FindUserAsync(string email, CancellationToken cancellationToken)
    {
        email = NormaliseEmail(email);
        return _database.ReadAsync(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, $"SELECT {UserColumns} FROM users WHERE lower(email) = lower(@email)");
            PeopleDatabase.AddText(command, "@email", email);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadUser(reader) : null;
        }, cancellationToken);
    }

    public Task<bool> AnyUsersAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(async connection =>
        {
            await using var command = PeopleDatabase.Command(connection, null, "SELECT EXISTS (SELECT 1 FROM users)");
            var any = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToBoolean(any, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public async Task<bool> SetDisabledAsync(string email, bool disabled, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE users SET status = @status, updated_at = @now WHERE lower(email) = lower(@email)", command =>
        {
            PeopleDatabase.AddText(command, "@email", NormaliseEmail(email));
            PeopleDatabase.AddText(command, "@status", disabled ? "disabled" : "active");
        }, cancellationToken).ConfigureAwait(false) == 1;

    public async Task<bool> SetPasswordHashAsync(string email, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        return await ExecuteAsync("""
            UPDATE users SET password_hash = @hash, failed_sign_ins = 0, locked_until = NULL, updated_at = @now
            WHERE lower(email) = lower(@email)
            """, command =>
        {
            PeopleDatabase.AddText(command, "@email", NormaliseEmail(email));
            PeopleDatabase.AddText(command, "@hash", passwordHash);
        }, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> LinkTherapistAsync(string email, Guid? therapistId, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE users SET therapist_id = @therapist_id, updated_at = @now WHERE lower(email) = lower(@email)", command =>
        {
            PeopleDatabase.AddText(command, "@email", NormaliseEmail(email));
            _database.AddId(command, "@therapist_id", therapistId);
        }, cancellationToken).ConfigureAwait(false) == 1;

    private UserRecord ReadUser(DbDataReader reader) => new(
        _database.ReadId(reader, 0), reader.GetString(1), ParseRole(reader.GetString(2)), reader.GetString(3) == "disabled",
        _database.ReadNullableId(reader, 4), _database.ReadNullableId(reader, 5), PeopleDatabase.ReadInteger(reader, 6) ?? 0,
        _database.ReadNullableTime(reader, 7), _database.ReadNullableTime(reader, 8), _database.ReadTime(reader, 9));

    private static Role ParseRole(string text) =>
        RoleNames.TryParse(text, out var role) ? role : throw new InvalidOperationException($"users.role holds an unknown role '{text}'.");

    /// <summary>One statement in its own transaction, with <c>@now</c> set; the number of rows it changed.</summary>
    private Task<int> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = PeopleDatabase.Command(connection, transaction, sql);
            if (sql.Contains("@now", StringComparison.Ordinal))
            {
                _database.AddTime(command, "@now", _clock.GetUtcNow());
            }

            parameters(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}

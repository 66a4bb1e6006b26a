using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using Npgsql;

namespace EmgSessions.Core.Stores.People;

/// <summary>
/// <see cref="ISupabaseUserDirectory"/> over the role rows an adopted predecessor database already has
/// (../shared/predecessor-db): <c>user_profiles</c> (September 2025 shape: role therapist/researcher/admin, <c>active</c>),
/// <c>researcher_profiles</c> (earlier shapes: admin, researcher, clinical_specialist) and <c>therapists.user_id</c>.
/// A table that does not exist is skipped; on SQLite no Supabase user is known. Order: an active
/// <c>user_profiles</c> row decides; otherwise an admin <c>researcher_profiles</c> row, then a therapist row, then any
/// other <c>researcher_profiles</c> row (researcher, clinical_specialist: read-only, pseudonymised). In the September
/// shape <c>patients.therapist_id</c> refers to <c>user_profiles.id</c>, so a therapist with no <c>therapists</c> row
/// has their user id as patient scope.
/// </summary>
internal sealed class PredecessorSupabaseUsers : ISupabaseUserDirectory, IAsyncDisposable
{
    private readonly NpgsqlDataSource? _source;

    public PredecessorSupabaseUsers(DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _source = database.Engine == DatabaseEngine.Postgres ? NpgsqlDataSource.Create(database.ConnectionString) : null;
    }

    public async Task<Actor?> FindAsync(SupabaseIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (_source is null)
        {
            return null;
        }

        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        var tables = await TablesAsync(connection, cancellationToken);
        if (!tables.AuthUsers && !tables.Therapists && !tables.UserProfiles && !tables.ResearcherProfiles)
        {
            return null;
        }

        string? email = identity.Email;
        Guid? therapistId = null;
        if (tables.Therapists)
        {
            therapistId = await ScalarAsync<Guid?>(connection, "SELECT t.id FROM public.therapists t WHERE t.user_id = @sub LIMIT 1", identity.Subject, cancellationToken);
        }

        if (email is null && tables.AuthUsers)
        {
            email = await ScalarAsync<string?>(connection, "SELECT u.email FROM auth.users u WHERE u.id = @sub", identity.Subject, cancellationToken);
        }

        var name = email ?? identity.Subject.ToString("D");
        if (tables.UserProfiles)
        {
            var profile = await ScalarAsync<string?>(
                connection, "SELECT p.role FROM public.user_profiles p WHERE p.id = @sub AND coalesce(p.active, true)", identity.Subject, cancellationToken);
            if (profile is not null)
            {
                return RoleFromProfile(profile, name, therapistId ?? identity.Subject);
            }
        }

        string? researcherRole = null;
        if (tables.ResearcherProfiles)
        {
            researcherRole = await ScalarAsync<string?>(
                connection, "SELECT p.role FROM public.researcher_profiles p WHERE p.id = @sub", identity.Subject, cancellationToken);
        }

        if (string.Equals(researcherRole, "admin", StringComparison.OrdinalIgnoreCase))
        {
            return Actor.Admin(name);
        }

        if (therapistId is not null)
        {
            return Actor.Therapist(name, therapistId);
        }

        return researcherRole is null ? null : Actor.Researcher(name);
    }

    public ValueTask DisposeAsync() => _source?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static Actor? RoleFromProfile(string role, string name, Guid? therapistId) => role.Trim().ToUpperInvariant() switch
    {
        "ADMIN" => Actor.Admin(name),
        "THERAPIST" => Actor.Therapist(name, therapistId),
        "RESEARCHER" => Actor.Researcher(name),
        _ => null,
    };

    private static async Task<(bool AuthUsers, bool Therapists, bool UserProfiles, bool ResearcherProfiles)> TablesAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT to_regclass('auth.users') IS NOT NULL, to_regclass('public.therapists') IS NOT NULL,
                   to_regclass('public.user_profiles') IS NOT NULL, to_regclass('public.researcher_profiles') IS NOT NULL
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, Guid subject, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("sub", subject);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }
}

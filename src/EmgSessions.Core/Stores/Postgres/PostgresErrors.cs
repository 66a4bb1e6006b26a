using Npgsql;

namespace EmgSessions.Core.Stores.Postgres;

/// <summary>How Npgsql failures are classified: connection-level and transient server errors become <see cref="DatabaseUnavailableException"/>.</summary>
internal static class PostgresErrors
{
    public const string UniqueViolation = "23505";
    public const string ForeignKeyViolation = "23503";

    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (IsUnavailable(ex))
        {
            throw new DatabaseUnavailableException($"PostgreSQL is unavailable: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new DatabaseUnavailableException($"PostgreSQL did not answer in time: {ex.Message}", ex);
        }
    }

    public static bool IsUnavailable(NpgsqlException ex) => ex is not PostgresException || ex.IsTransient;
}

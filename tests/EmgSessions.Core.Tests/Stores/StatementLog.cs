using System.Collections.Concurrent;
using System.Diagnostics;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EmgSessions.Core.Tests.Stores;

/// <summary>
/// The SQL statements a store runs on one database, as the engines report them: on SQLite the store's own Trace-level
/// statement log (event 4007, one entry per statement, the connection's PRAGMAs included), on PostgreSQL Npgsql's
/// command activities (one entry per command) of that database only, so other tests running meanwhile on other
/// databases never count. Create the store with <see cref="CreateStore"/>; dispose the log after the store.
/// </summary>
internal sealed class StatementLog : ILoggerFactory
{
    private const int SqliteStatementEvent = 4007;

    private readonly string _spec;
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly ActivityListener? _listener;

    public StatementLog(string spec)
    {
        _spec = spec;
        var options = DatabaseOptions.Parse(spec);
        if (options.Engine == DatabaseEngine.Postgres)
        {
            var database = new NpgsqlConnectionStringBuilder(options.ConnectionString).Database;
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string sql)
                    {
                        _statements.Enqueue(sql);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }
    }

    /// <summary>The statements run since the log was made or last cleared, in order.</summary>
    public IReadOnlyList<string> Statements => [.. _statements];

    public ISessionStore CreateStore() => SessionStoreFactory.Create(_spec, this);

    public void Clear() => _statements.Clear();

    public ILogger CreateLogger(string categoryName) => new Recorder(_statements);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The statement log records on its own.");

    public void Dispose() => _listener?.Dispose();

    private sealed class Recorder(ConcurrentQueue<string> statements) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == SqliteStatementEvent && state is IReadOnlyList<KeyValuePair<string, object?>> fields
                && fields.FirstOrDefault(f => f.Key == "Sql").Value is string sql)
            {
                statements.Enqueue(sql);
            }
        }
    }
}

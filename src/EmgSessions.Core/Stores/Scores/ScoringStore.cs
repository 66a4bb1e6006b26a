using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Scores;
using EmgSessions.Scoring;
using static EmgSessions.Core.Stores.DbCommands;

namespace EmgSessions.Core.Stores.Scores;

/// <summary>
/// <see cref="IScoringStore"/> once for both engines: the statements of <see cref="ScoresSql"/> over ADO.NET; each engine
/// says how it runs a transaction, stores ids, times, booleans and JSON, and locks a session row.
/// </summary>
internal abstract class ScoringStore(TimeProvider? timeProvider) : IScoringStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private string? _staleSql;

    public Task<IReadOnlyList<StoredConfiguration>> ListConfigurationsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredConfiguration>>(connection => ListConfigurations(connection, null), cancellationToken);

    public Task<StoredConfiguration> AddConfigurationAsync(ScoringConfiguration configuration, bool activate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.EnsureValid();
        var id = Guid.NewGuid();
        var now = _time.GetUtcNow();
        return WriteAsync((connection, transaction) =>
        {
            using (var insert = Command(connection, transaction, ScoresSql.InsertConfiguration))
            {
                Add(insert, "id", Id(id));
                Add(insert, "name", configuration.Name);
                Add(insert, "description", configuration.Description);
                var w = configuration.Weights;
                Add(insert, "compliance", w.Compliance);
                Add(insert, "symmetry", w.Symmetry);
                Add(insert, "effort", w.Effort);
                Add(insert, "game", w.Game);
                Add(insert, "completion", w.Completion);
                Add(insert, "intensity", w.Intensity);
                Add(insert, "duration", w.Duration);
                Add(insert, "active", Bool(false));
                Add(insert, "now", Time(now));
                Add(insert, "is_global", Bool(true));
                AddJson(insert, "rpe_mapping", configuration.RpeTable.ToJson());
                insert.ExecuteNonQuery();
            }

            if (activate)
            {
                Activate(connection, transaction, id, configuration.Name);
            }

            return ListConfigurations(connection, transaction).Single(c => c.Configuration.Id == id);
        }, cancellationToken);
    }

    public Task<bool> ActivateConfigurationAsync(Guid id, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            using var find = Command(connection, transaction, ScoresSql.ConfigurationName);
            Add(find, "id", Id(id));
            if (find.ExecuteScalar() is not string name)
            {
                return false;
            }

            Activate(connection, transaction, id, name);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<SessionInputs>?> GetInputsAsync(Guid sessionId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SessionInputs>?>(connection =>
        {
            if (!SessionExists(connection, null, sessionId))
            {
                return null;
            }

            using var command = Command(connection, null, ScoresSql.Inputs);
            Add(command, "id", Id(sessionId));
            using var reader = command.ExecuteReader();
            var inputs = new List<SessionInputs>();
            while (reader.Read())
            {
                inputs.Add(InputsRow(reader, 0));
            }

            return inputs;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<SessionInputs>>> GetInputsAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        return ReadAsync<IReadOnlyDictionary<Guid, IReadOnlyList<SessionInputs>>>(connection =>
        {
            var inputs = new Dictionary<Guid, IReadOnlyList<SessionInputs>>();
            if (sessionIds.Count == 0)
            {
                return inputs;
            }

            using var command = Command(connection, null, string.Format(CultureInfo.InvariantCulture, ScoresSql.InputsOfFormat, IdSet("ids")));
            AddIds(command, "ids", sessionIds);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = ReadGuid(reader, 0)!.Value;
                if (!inputs.TryGetValue(id, out var list))
                {
                    inputs[id] = list = new List<SessionInputs>();
                }

                ((List<SessionInputs>)list).Add(InputsRow(reader, 1));
            }

            return inputs;
        }, cancellationToken);
    }

    public Task<bool> ChangeInputsAsync(Guid sessionId, SessionInputs change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync((connection, transaction) =>
        {
            if (!LockSession(connection, transaction, sessionId))
            {
                return false;
            }

            using var command = Command(connection, transaction, ScoresSql.MergeInputs);
            Add(command, "id", Id(sessionId));
            Add(command, "source", change.Source);
            Add(command, "rpe", change.Rpe);
            Add(command, "achieved", change.GamePointsAchieved);
            Add(command, "max", change.GamePointsMax);
            Add(command, "bfr", change.BfrPressureAop);
            Add(command, "bfr_left", change.BfrPressureAopLeft);
            Add(command, "bfr_right", change.BfrPressureAopRight);
            Add(command, "target_left", change.TargetContractionsLeft);
            Add(command, "target_right", change.TargetContractionsRight);
            Add(command, "entered_by", change.EnteredBy);
            Add(command, "entered_at", Time(change.EnteredAt));
            command.ExecuteNonQuery();
            return true;
        }, cancellationToken);
    }

    public Task<ScoreBasis?> GetBasisAsync(Guid sessionId, CancellationToken cancellationToken) =>
        ReadAsync(connection => Basis(connection, null, sessionId), cancellationToken);

    public Task<bool> SaveScoreAsync(ScoringResult result, string resultJson, ScoreBasis basis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(basis);
        var sessionId = result.SessionId ?? throw new ArgumentException("The result has no session.", nameof(result));
        var configId = result.ScoringConfigId ?? throw new ArgumentException("The result has no stored configuration.", nameof(result));
        var now = _time.GetUtcNow();
        return WriteAsync((connection, transaction) =>
        {
            if (!LockSession(connection, transaction, sessionId) || Basis(connection, transaction, sessionId) != basis)
            {
                return false;
            }

            using (var delete = Command(connection, transaction, ScoresSql.DeletePerformanceScores))
            {
                Add(delete, "id", Id(sessionId));
                delete.ExecuteNonQuery();
            }

            using (var insert = Command(connection, transaction, ScoresSql.InsertPerformanceScore))
            {
                // The predecessor's columns hold scores 0–100 and rates 0–1 (CHECK): ghostly-v1's uncapped values are
                // clamped here; the uncapped result is in session_scores.result.
                Add(insert, "row_id", Id(Guid.NewGuid()));
                Add(insert, "id", Id(sessionId));
                Add(insert, "overall", Clamp(result.OverallScore, 100));
                Add(insert, "compliance", Clamp(result.ComplianceScore, 100));
                Add(insert, "symmetry", Clamp(result.SymmetryScore, 100));
                Add(insert, "effort", Clamp(result.EffortScore, 100));
                Add(insert, "game", Clamp(result.GameScore, 100));
                Add(insert, "left", Clamp(result.LeftMuscleCompliance, 100));
                Add(insert, "right", Clamp(result.RightMuscleCompliance, 100));
                Add(insert, "completion_left", Clamp(result.CompletionRateLeft, 1));
                Add(insert, "completion_right", Clamp(result.CompletionRateRight, 1));
                Add(insert, "intensity_left", Clamp(result.IntensityRateLeft, 1));
                Add(insert, "intensity_right", Clamp(result.IntensityRateRight, 1));
                Add(insert, "duration_left", Clamp(result.DurationRateLeft, 1));
                Add(insert, "duration_right", Clamp(result.DurationRateRight, 1));
                Add(insert, "bfr_compliant", Bool(result.BfrCompliant));
                Add(insert, "bfr", Clamp(result.BfrPressureAop, 100));
                Add(insert, "rpe", result.RpePostSession);
                Add(insert, "achieved", result.GamePointsAchieved);
                Add(insert, "max", result.GamePointsMax);
                Add(insert, "now", Time(now));
                Add(insert, "config_id", Id(configId));
                insert.ExecuteNonQuery();
            }

            using (var upsert = Command(connection, transaction, ScoresSql.UpsertSessionScore))
            {
                Add(upsert, "id", Id(sessionId));
                Add(upsert, "profile", result.Profile);
                Add(upsert, "config_id", Id(configId));
                AddJson(upsert, "result", resultJson);
                Add(upsert, "analytics_at", Time(basis.AnalyticsAt));
                Add(upsert, "inputs_revision", basis.InputsRevision);
                Add(upsert, "now", Time(now));
                upsert.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }

    public Task<StoredScore?> GetScoreAsync(Guid sessionId, CancellationToken cancellationToken) =>
        ReadAsync(connection =>
        {
            using (var own = Command(connection, null, ScoresSql.OwnScore))
            {
                Add(own, "id", Id(sessionId));
                using var reader = own.ExecuteReader();
                if (reader.Read())
                {
                    var stale = new ScoreBasis(ReadTime(reader, 4), Long(reader, 5)) != new ScoreBasis(ReadTime(reader, 6), Long(reader, 7));
                    return new StoredScore(sessionId, "emgs", reader.GetString(0), ReadGuid(reader, 1), reader.GetString(2), ReadTime(reader, 3), stale);
                }
            }

            using var predecessor = Command(connection, null, ScoresSql.PredecessorScore);
            Add(predecessor, "id", Id(sessionId));
            using var row = predecessor.ExecuteReader();
            return row.Read() ? PredecessorScore(sessionId, row) : null;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<Guid, StoredScore>> GetScoresAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionIds);
        return ReadAsync<IReadOnlyDictionary<Guid, StoredScore>>(connection =>
        {
            var scores = new Dictionary<Guid, StoredScore>();
            if (sessionIds.Count == 0)
            {
                return scores;
            }

            var set = IdSet("ids");
            using (var own = Command(connection, null, string.Format(CultureInfo.InvariantCulture, ScoresSql.OwnScoresFormat, set)))
            {
                AddIds(own, "ids", sessionIds);
                using var reader = own.ExecuteReader();
                while (reader.Read())
                {
                    var id = ReadGuid(reader, 8)!.Value;
                    var stale = new ScoreBasis(ReadTime(reader, 4), Long(reader, 5)) != new ScoreBasis(ReadTime(reader, 6), Long(reader, 7));
                    scores[id] = new StoredScore(id, "emgs", reader.GetString(0), ReadGuid(reader, 1), reader.GetString(2), ReadTime(reader, 3), stale);
                }
            }

            using var predecessor = Command(connection, null, string.Format(CultureInfo.InvariantCulture, ScoresSql.PredecessorScoresFormat, set));
            AddIds(predecessor, "ids", sessionIds);
            using var row = predecessor.ExecuteReader();
            while (row.Read())
            {
                var id = ReadGuid(row, 20)!.Value;
                if (!scores.ContainsKey(id))
                {
                    scores[id] = PredecessorScore(id, row);
                }
            }

            return scores;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Guid>> StaleSessionsAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Guid>>(connection =>
        {
            _staleSql ??= string.Format(CultureInfo.InvariantCulture, ScoresSql.StaleSessionsFormat, Differs("ss.analytics_at", "ts.processed_at"));
            using var command = Command(connection, null, _staleSql);
            Add(command, "limit", limit);
            using var reader = command.ExecuteReader();
            var ids = new List<Guid>();
            while (reader.Read())
            {
                ids.Add(ReadGuid(reader, 0)!.Value);
            }

            return ids;
        }, cancellationToken);

    /// <summary>Runs <paramref name="body"/> in one write transaction, committed when it returns.</summary>
    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> body, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="body"/> on its own connection.</summary>
    protected abstract Task<T> ReadAsync<T>(Func<DbConnection, T> body, CancellationToken cancellationToken);

    /// <summary>An id as the engine stores it.</summary>
    protected abstract object Id(Guid id);

    /// <summary>A time as the engine stores it.</summary>
    protected abstract object Time(DateTimeOffset? value);

    protected abstract DateTimeOffset? ReadTime(DbDataReader reader, int ordinal);

    protected abstract object Bool(bool value);

    protected abstract void AddJson(DbCommand command, string name, string json);

    /// <summary>SQL: the set of the session ids in parameter <paramref name="name"/> (see <see cref="AddIds"/>), for <c>IN (…)</c>.</summary>
    protected abstract string IdSet(string name);

    /// <summary>Adds <paramref name="ids"/> as the one parameter <see cref="IdSet"/> reads.</summary>
    protected abstract void AddIds(DbCommand command, string name, IReadOnlyCollection<Guid> ids);

    /// <summary>SQL: the session row locked for the rest of the transaction (selects 1 when it exists).</summary>
    protected abstract string LockSessionSql { get; }

    /// <summary>SQL: true when <paramref name="a"/> and <paramref name="b"/> differ, nulls equal to each other.</summary>
    protected abstract string Differs(string a, string b);


    private static double? Clamp(double? value, double max) =>
        value is { } v && double.IsFinite(v) ? Math.Clamp(v, 0, max) : null;

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static int? NullableInt(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static double? NullableDouble(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static Guid? ReadGuid(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) is Guid g ? g : Guid.Parse(Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture)!);

    /// <summary>One row of <see cref="ScoresSql.Inputs"/>, its columns from <paramref name="first"/> on.</summary>
    private SessionInputs InputsRow(DbDataReader reader, int first) => new()
    {
        Source = reader.GetString(first),
        Rpe = NullableInt(reader, first + 1),
        GamePointsAchieved = NullableInt(reader, first + 2),
        GamePointsMax = NullableInt(reader, first + 3),
        BfrPressureAop = NullableDouble(reader, first + 4),
        BfrPressureAopLeft = NullableDouble(reader, first + 5),
        BfrPressureAopRight = NullableDouble(reader, first + 6),
        TargetContractionsLeft = NullableInt(reader, first + 7),
        TargetContractionsRight = NullableInt(reader, first + 8),
        EnteredBy = reader.GetString(first + 9),
        EnteredAt = ReadTime(reader, first + 10) ?? DateTimeOffset.MinValue,
    };

    private bool SessionExists(DbConnection connection, DbTransaction? transaction, Guid sessionId)
    {
        using var command = Command(connection, transaction, ScoresSql.SessionExists);
        Add(command, "id", Id(sessionId));
        return command.ExecuteScalar() is not null;
    }

    private bool LockSession(DbConnection connection, DbTransaction transaction, Guid sessionId)
    {
        using var command = Command(connection, transaction, LockSessionSql);
        Add(command, "id", Id(sessionId));
        return command.ExecuteScalar() is not null;
    }

    private ScoreBasis? Basis(DbConnection connection, DbTransaction? transaction, Guid sessionId)
    {
        using var command = Command(connection, transaction, ScoresSql.Basis);
        Add(command, "id", Id(sessionId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ScoreBasis(ReadTime(reader, 0), Long(reader, 1)) : null;
    }

    private void Activate(DbConnection connection, DbTransaction transaction, Guid id, string name)
    {
        using var command = Command(connection, transaction, ScoresSql.ActivateOnly);
        Add(command, "id", Id(id));
        Add(command, "name", name);
        command.ExecuteNonQuery();
    }

    private List<StoredConfiguration> ListConfigurations(DbConnection connection, DbTransaction? transaction)
    {
        using var command = Command(connection, transaction, ScoresSql.ListConfigurations);
        using var reader = command.ExecuteReader();
        var rows = new List<(ScoringConfiguration Configuration, bool IsGlobal)>();
        while (reader.Read())
        {
            var mapping = reader.IsDBNull(13) ? null : Convert.ToString(reader.GetValue(13), CultureInfo.InvariantCulture);
            rows.Add((new ScoringConfiguration
            {
                Id = ReadGuid(reader, 0),
                Name = reader.GetString(1),
                Description = reader.IsDBNull(2) ? null : reader.GetString(2),
                Weights = new ScoringWeights(
                    NullableDouble(reader, 3) ?? 0, NullableDouble(reader, 4) ?? 0, NullableDouble(reader, 5) ?? 0, NullableDouble(reader, 6) ?? 0,
                    NullableDouble(reader, 7) ?? 0, NullableDouble(reader, 8) ?? 0, NullableDouble(reader, 9) ?? 0),
                RpeTable = string.IsNullOrWhiteSpace(mapping) ? RpeTable.TrialDefault : RpeTable.FromJson(mapping),
                Active = Convert.ToBoolean(reader.GetValue(10), CultureInfo.InvariantCulture),
                CreatedAt = ReadTime(reader, 11),
            }, !reader.IsDBNull(12) && Convert.ToBoolean(reader.GetValue(12), CultureInfo.InvariantCulture)));
        }

        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var stored = new List<StoredConfiguration>(rows.Count);
        foreach (var (configuration, isGlobal) in rows)
        {
            var version = versions.GetValueOrDefault(configuration.Name) + 1;
            versions[configuration.Name] = version;
            stored.Add(new StoredConfiguration(configuration, version, isGlobal));
        }

        return stored;
    }

    private StoredScore PredecessorScore(Guid sessionId, DbDataReader row)
    {
        string[] names =
        [
            "overall_score", "compliance_score", "symmetry_score", "effort_score", "game_score",
            "left_muscle_compliance", "right_muscle_compliance", "completion_rate_left", "completion_rate_right",
            "intensity_rate_left", "intensity_rate_right", "duration_rate_left", "duration_rate_right",
        ];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("session_id", sessionId);
            json.WriteString("origin", "predecessor");
            for (var i = 0; i < names.Length; i++)
            {
                if (NullableDouble(row, i) is { } value)
                {
                    json.WriteNumber(names[i], value);
                }
                else
                {
                    json.WriteNull(names[i]);
                }
            }

            json.WriteBoolean("bfr_compliant", Convert.ToBoolean(row.GetValue(13), CultureInfo.InvariantCulture));
            WriteNullable(json, "bfr_pressure_aop", NullableDouble(row, 14));
            WriteNullable(json, "rpe_post_session", NullableInt(row, 15));
            WriteNullable(json, "game_points_achieved", NullableInt(row, 16));
            WriteNullable(json, "game_points_max", NullableInt(row, 17));
            if (ReadGuid(row, 18) is { } config)
            {
                json.WriteString("scoring_config_id", config);
            }
            else
            {
                json.WriteNull("scoring_config_id");
            }

            json.WriteEndObject();
        }

        return new StoredScore(sessionId, "predecessor", null, ReadGuid(row, 18), System.Text.Encoding.UTF8.GetString(buffer.ToArray()), ReadTime(row, 19), Stale: false);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

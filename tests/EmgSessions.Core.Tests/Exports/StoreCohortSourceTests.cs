using System.Globalization;
using System.Text;
using CsvHelper;
using EmgSessions.Core.Database;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Json;
using EmgSessions.Core.Exports.Parquet;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using EmgSessions.Core.Tests.Stores;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Parquet;
using DataCompleteness = EmgSessions.Scoring.DataCompleteness;
using Options = Microsoft.Extensions.Options.Options;

namespace EmgSessions.Core.Tests.Exports;

/// <summary>
/// The cohort rows read from a real database (<see cref="StoreCohortRowSource"/> over <see cref="ISessionStream"/>), run
/// on both engines by the subclasses: filters, order, the optional patients and scores tables, pseudonymisation on the bytes.
/// </summary>
public abstract class StoreCohortSourceTests(TestDatabases databases)
{
    private const string FirstName = "Johanna";
    private const string LastName = "Verstappen-Kleinhout";
    private const string Note = "Complained of shoulder pain after level 3";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset March21 = new(2023, 3, 21, 17, 50, 17, TimeSpan.Zero);

    private static string Analytics => File.ReadAllText(TestFiles.AnalysisReference(TestFiles.Ghostly0881));

    [Fact]
    public async Task Streams_one_row_per_session_and_channel_in_session_date_order_with_the_lists_filters()
    {
        var (_, store) = await NewStoreAsync();
        await using var __ = store;
        var later = await CompletedAsync(store, "P002/s1/b.c3d", "b", March21.AddDays(2));
        var earlier = await CompletedAsync(store, "P001/s1/a.c3d", "a", March21);
        await store.RegisterUploadAsync(SessionStoreTests.Upload("P001/s2/pending.c3d", "c", sessionDate: March21.AddDays(1)), None);
        var channels = AnalyticsJsonReader.ReadChannels(Analytics);

        var all = await RowsAsync(store, new SessionQuery(), pseudonymise: false);
        Assert.Equal(2 * channels.Count, all.Count); // the pending session has no analytics: no rows
        Assert.Equal([.. Enumerable.Repeat(earlier, channels.Count), .. Enumerable.Repeat(later, channels.Count)], all.Select(r => r.SessionId));
        Assert.Equal(channels.Select(c => c.Channel), all.Take(channels.Count).Select(r => r.Metrics.Channel));
        Assert.Equal(channels[0].Rms, all[0].Metrics.Rms);
        Assert.Equal("P001", all[0].PatientCode);
        Assert.Equal(March21, all[0].SessionDate);
        Assert.All(all, r => Assert.Null(r.Scores)); // no performance_scores row for these sessions
        Assert.All(all, r => Assert.Null(r.PatientName)); // no patients table either

        Assert.All(await RowsAsync(store, new SessionQuery(PatientId: "P002"), false), r => Assert.Equal(later, r.SessionId));
        Assert.All(await RowsAsync(store, new SessionQuery(SessionDateTo: March21.AddHours(1)), false), r => Assert.Equal(earlier, r.SessionId));
        Assert.Empty(await RowsAsync(store, new SessionQuery(Status: SessionStatus.Failed), false));
        Assert.Empty(await RowsAsync(store, new SessionQuery(SessionDateFrom: March21.AddDays(3)), false));
    }

    [Fact]
    public async Task Reads_names_dates_of_birth_notes_and_scores_when_their_tables_exist()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var id = await CompletedAsync(store, "P001/s1/a.c3d", "a", March21);
        await AddPeopleAndScoresAsync(spec, id);

        var rows = await RowsAsync(store, new SessionQuery(), pseudonymise: false);

        Assert.NotEmpty(rows);
        var row = rows[0];
        Assert.Equal($"{FirstName} {LastName}", row.PatientName);
        Assert.Equal(new DateOnly(1951, 7, 14), row.DateOfBirth);
        Assert.Equal(71, row.AgeYears);
        Assert.Equal(Note, row.Notes);
        Assert.NotNull(row.Scores);
        Assert.True(string.IsNullOrEmpty(row.Scores.Profile)); // the predecessor's performance_scores has no profile column
        Assert.Equal(72.5, row.Scores.OverallScore!.Value, 1e-12);
        Assert.Equal(88.25, row.Scores.ComplianceScore!.Value, 1e-12);
        Assert.Null(row.Scores.SymmetryScore);
        Assert.True(row.Scores.HasEmgData);
        Assert.True(row.Scores.HasRpe);
        Assert.False(row.Scores.HasGameData);
        Assert.False(row.Scores.HasBfrData);
    }

    [Fact]
    public async Task Our_stored_scores_win_over_the_predecessors_row_with_their_profile_and_configuration_as_the_store_serves_them()
    {
        // Given a session with a predecessor's performance_scores row, then scored by us (session_scores).
        var (spec, store) = await NewStoreAsync();
        await using var __ = store;
        var id = await CompletedAsync(store, "P001/s1/a.c3d", "a", March21);
        var predecessorOnly = await CompletedAsync(store, "P001/s2/b.c3d", "b", March21.AddDays(1));
        await AddPeopleAndScoresAsync(spec, id);
        await AddPeopleAndScoresAsync(spec, predecessorOnly, withPatient: false);
        var scores = ScoringStoreFactory.For(store);
        var result = await new SessionScoring(store, scores, Options.Create(new ScoringOptions()), NullLogger<SessionScoring>.Instance).ScoreAsync(id, None);
        var served = ScoreJson.Deserialize((await scores.GetScoreAsync(id, None))!.ResultJson)!;

        var rows = await RowsAsync(store, new SessionQuery(), pseudonymise: false);

        // Then its rows carry our result exactly (the same doubles the scores API serves: no tolerance) and its configuration.
        var ours = rows.Where(r => r.SessionId == id).Select(r => r.Scores!).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, s =>
        {
            Assert.Equal("emgs", s.Origin);
            Assert.Equal(served.Profile, s.Profile);
            Assert.Equal(served.OverallScore, s.OverallScore);
            Assert.Equal(served.ComplianceScore, s.ComplianceScore);
            Assert.Equal(served.SymmetryScore, s.SymmetryScore);
            Assert.Equal(served.EffortScore, s.EffortScore);
            Assert.Equal(served.GameScore, s.GameScore);
            Assert.Equal(served.DataCompleteness, new DataCompleteness(s.HasEmgData, s.HasRpe, s.HasGameData, s.HasBfrData));
            Assert.Equal(served.ScoringConfigId?.ToString("D"), s.ScoringConfigId);
            Assert.Equal(served.ScoringConfigName, s.ScoringConfigName);
        });
        Assert.Equal(result!.OverallScore, served.OverallScore);
        Assert.NotEqual(72.5, ours[0].OverallScore);

        // And a session scored only by the predecessor keeps that row's values, marked as the predecessor's.
        var theirs = rows.First(r => r.SessionId == predecessorOnly).Scores!;
        Assert.Equal("predecessor", theirs.Origin);
        Assert.Equal(72.5, theirs.OverallScore!.Value, 1e-12);
        Assert.Null(theirs.ScoringConfigName);
        Assert.True(Guid.TryParse(theirs.ScoringConfigId, out _));
    }

    [Fact]
    public async Task A_researchers_cohort_export_from_the_database_holds_no_name_date_of_birth_or_note_text()
    {
        var (spec, store) = await NewStoreAsync();
        await using var _ = store;
        var id = await CompletedAsync(store, "P001/s1/a.c3d", "a", March21);
        await AddPeopleAndScoresAsync(spec, id);
        var source = new StoreCohortRowSource(store, new SessionQuery(), pseudonymise: true);

        using var csv = new MemoryStream();
        await ExportCsvWriter.WriteAsync(CohortTables.For(pseudonymise: true), source.ReadRowsAsync(), csv);
        using var parquet = new MemoryStream();
        await ExportParquetWriter.WriteAsync(CohortTables.For(pseudonymise: true), source.ReadRowsAsync(), parquet, compress: false);

        foreach (var bytes in new[] { csv.ToArray(), parquet.ToArray() })
        {
            foreach (var secret in new[] { FirstName, LastName, "Verstappen", Note, "shoulder", "1951-07-14", "1951" })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            }

            Assert.NotEqual(-1, bytes.AsSpan().IndexOf("P001"u8));
        }

        // The same rows for an admin keep them: the bytes above are clean because of the pseudonymisation, not by accident.
        using var full = new MemoryStream();
        await ExportCsvWriter.WriteAsync(CohortTables.For(pseudonymise: false), new StoreCohortRowSource(store, new SessionQuery(), false).ReadRowsAsync(), full);
        var text = Encoding.UTF8.GetString(full.ToArray());
        Assert.Contains(LastName, text, StringComparison.Ordinal);
        Assert.Contains("1951-07-14", text, StringComparison.Ordinal);
        Assert.Contains(Note, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cohort_csv_and_parquet_from_the_database_read_back_to_the_analytics_values()
    {
        var (_, store) = await NewStoreAsync();
        await using var __ = store;
        await CompletedAsync(store, "P001/s1/a.c3d", "a", March21);
        var channels = AnalyticsJsonReader.ReadChannels(Analytics);
        var source = new StoreCohortRowSource(store, new SessionQuery(), pseudonymise: true);

        using var csv = new MemoryStream();
        await ExportCsvWriter.WriteAsync(CohortTables.Pseudonymised, source.ReadRowsAsync(), csv);
        csv.Position = 0;
        using (var reader = new CsvReader(new StreamReader(csv), CultureInfo.InvariantCulture))
        {
            await reader.ReadAsync();
            reader.ReadHeader();
            var i = 0;
            while (await reader.ReadAsync())
            {
                // Reals are written as the shortest round-trip text ("R"): equal to the stored double, bit for bit.
                Assert.Equal(channels[i].Rms, reader.GetField<double?>("rms"));
                Assert.Equal(channels[i].Mpf, reader.GetField<double?>("mpf"));
                Assert.Equal(channels[i].ContractionCount, reader.GetField<long?>("contraction_count"));
                Assert.Equal("", reader.GetField("overall_score"));
                i++;
            }

            Assert.Equal(channels.Count, i);
        }

        using var parquet = new MemoryStream();
        await ExportParquetWriter.WriteAsync(CohortTables.Pseudonymised, source.ReadRowsAsync(), parquet);
        parquet.Position = 0;
        await using var file = await ParquetReader.CreateAsync(parquet);
        using var group = file.OpenRowGroupReader(0);
        var rms = new double?[group.RowCount];
        await group.ReadAsync<double>(file.Schema.GetDataFields().Single(f => f.Name == "rms"), rms);
        Assert.Equal(channels.Select(c => c.Rms), rms);
    }

    private async Task<(string Spec, ISessionStore Store)> NewStoreAsync()
    {
        var spec = await databases.NewEmptyDatabaseAsync();
        var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        return (spec, store);
    }

    private static async Task<Guid> CompletedAsync(ISessionStore store, string path, string content, DateTimeOffset date)
    {
        var registration = await store.RegisterUploadAsync(SessionStoreTests.Upload(path, content, sessionDate: date), None);
        var job = await store.ClaimJobAsync("w1", TimeSpan.FromMinutes(5), None);
        Assert.Equal(registration.SessionId, job?.SessionId);
        Assert.True(await store.CompleteJobAsync(
            new SessionCompletion(registration.SessionId, "w1", Analytics, 10, """{"level":"3"}""", null, null), None));
        return registration.SessionId;
    }

    /// <summary>A patient (050's <c>patients</c>), a score row (060's <c>performance_scores</c>) and a note for the session.</summary>
    private async Task AddPeopleAndScoresAsync(string spec, Guid sessionId, bool withPatient = true)
    {
        var people = withPatient
            ? $"""
                ALTER TABLE therapy_sessions ADD COLUMN notes TEXT;
                INSERT INTO patients (id, patient_code, first_name, last_name, date_of_birth) VALUES ('{Guid.NewGuid()}', 'P001', '{FirstName}', '{LastName}', '1951-07-14');
                """
            : "";
        await databases.ExecuteAsync(spec, $"""
            {people}
            INSERT INTO performance_scores (id, session_id, overall_score, compliance_score, effort_score, rpe_post_session, scoring_config_id)
                VALUES ('{Guid.NewGuid()}', '{sessionId}', 72.5, 88.25, 40, 5, (SELECT id FROM scoring_configuration ORDER BY configuration_name LIMIT 1));
            UPDATE therapy_sessions SET notes = '{Note}' WHERE id = '{sessionId}';
            """);
    }

    private static async Task<List<CohortRow>> RowsAsync(ISessionStore store, SessionQuery filter, bool pseudonymise)
    {
        var rows = new List<CohortRow>();
        await foreach (var row in new StoreCohortRowSource(store, filter, pseudonymise).ReadRowsAsync())
        {
            rows.Add(row);
        }

        return rows;
    }
}

public sealed class SqliteStoreCohortSourceTests(SqliteTestDatabases databases) : StoreCohortSourceTests(databases), IClassFixture<SqliteTestDatabases>;

public sealed class PostgresStoreCohortSourceTests(PostgresTestDatabases databases) : StoreCohortSourceTests(databases), IClassFixture<PostgresTestDatabases>;

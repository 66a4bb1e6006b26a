using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using EmgSessions.Core.Access;
using EmgSessions.Core.Exports;
using EmgSessions.Core.Exports.Signals;
using EmgSessions.Http;
using EmgSessions.Testing;
using EmgSessions.Tests.EndToEnd;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parquet;

namespace EmgSessions.Tests.Http;

/// <summary>
/// The export routes over a real server on both databases: every file read back (CsvHelper, Parquet.Net) equal to the
/// API's analytics to the digits written (reals are written as the shortest round-trip text, so equal exactly), the
/// names in Content-Disposition, the roles, the errors, and the audit event of each export.
/// </summary>
public abstract class ExportEndpointsTests(bool postgres) : IAsyncLifetime
{
    private const string Key = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";
    private const string Stem = "P005_2023-03-21_1750";

    private static readonly byte[] Sample = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));

    private EndToEndDatabase _database = null!;

    public async Task InitializeAsync() => _database = await EndToEndDatabase.CreateAsync(postgres);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Contractions_and_metrics_csv_read_back_equal_to_the_analytics_of_the_api()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var analytics = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/analytics")).GetProperty("analytics");

        using var contractions = await server.Client.GetAsync($"/api/sessions/{id}/export/contractions.csv");
        Assert.Equal(HttpStatusCode.OK, contractions.StatusCode);
        Assert.Equal("text/csv", contractions.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{Stem}_contractions.csv", contractions.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var csv = new CsvReader(new StreamReader(await contractions.Content.ReadAsStreamAsync()), CultureInfo.InvariantCulture))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            var rows = 0;
            foreach (var channel in analytics.EnumerateObject())
            {
                foreach (var expected in channel.Value.GetProperty("contractions").EnumerateArray())
                {
                    Assert.True(await csv.ReadAsync());
                    Assert.Equal(channel.Name, csv.GetField("channel"));
                    Assert.Equal(expected.GetProperty("start_time_ms").GetDouble(), csv.GetField<double>("start_time_ms"));
                    Assert.Equal(expected.GetProperty("duration_ms").GetDouble(), csv.GetField<double>("duration_ms"));
                    Assert.Equal(expected.GetProperty("mean_amplitude").GetDouble(), csv.GetField<double>("mean_amplitude"));
                    Assert.Equal(expected.GetProperty("max_amplitude").GetDouble(), csv.GetField<double>("max_amplitude"));
                    Assert.Equal(expected.GetProperty("is_good").GetBoolean(), csv.GetField<bool>("is_good"));
                    rows++;
                }
            }

            Assert.True(rows > 0);
            Assert.False(await csv.ReadAsync());
        }

        using var metrics = await server.Client.GetAsync($"/api/sessions/{id}/export/metrics.csv");
        Assert.Equal($"{Stem}_metrics.csv", metrics.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var csv = new CsvReader(new StreamReader(await metrics.Content.ReadAsStreamAsync()), CultureInfo.InvariantCulture))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            foreach (var channel in analytics.EnumerateObject())
            {
                Assert.True(await csv.ReadAsync());
                Assert.Equal(channel.Name, csv.GetField("channel"));
                foreach (var name in new[] { "rms", "mav", "mpf", "mdf", "fatigue_index_fi_nsm5", "mvc_threshold_actual_value" })
                {
                    Assert.Equal(channel.Value.GetProperty(name).GetDouble(), csv.GetField<double>(name));
                }

                Assert.Equal(channel.Value.GetProperty("contraction_count").GetInt64(), csv.GetField<long>("contraction_count"));
            }

            Assert.False(await csv.ReadAsync());
        }
    }

    [Fact]
    public async Task The_result_json_carries_its_provenance_and_the_stored_result()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var session = await server.Store.GetSessionAsync(id, CancellationToken.None);
        var scores = await server.WaitForScoreAsync(id);

        using var response = await server.Client.GetAsync($"/api/sessions/{id}/export/result.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{Stem}_result.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var provenance = document.GetProperty("provenance");
        Assert.Equal(session!.FileHash, provenance.GetProperty("file_hash").GetString());
        Assert.Equal("ghostly-v1", provenance.GetProperty("analysis_profile").GetString());
        Assert.StartsWith("ghostly-v1", provenance.GetProperty("processing_version").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, provenance.GetProperty("processing_params").ValueKind);
        Assert.Equal(SessionExporter.SoftwareVersion, provenance.GetProperty("software_version").GetString());
        Assert.InRange(DateTimeOffset.Parse(provenance.GetProperty("exported_at").GetString()!, CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        // The scoring provenance is the session's score as the API serves it, and its configuration as the API serves that.
        Assert.Equal(scores.GetProperty("profile").GetString(), provenance.GetProperty("scoring_profile").GetString());
        var configId = scores.GetProperty("scoring_config_id").GetString();
        var configuration = await server.Client.GetFromJsonAsync<JsonElement>($"/api/scoring/configurations/{configId}");
        Assert.Equal(configId, provenance.GetProperty("scoring_configuration").GetProperty("id").GetString());
        Assert.True(
            JsonElement.DeepEquals(configuration, provenance.GetProperty("scoring_configuration")),
            $"{configuration} differs from {provenance.GetProperty("scoring_configuration")}");
        Assert.Equal(id.ToString("D"), document.GetProperty("session").GetProperty("id").GetString());
        Assert.Equal(
            JsonDocument.Parse(session.AnalyticsCacheJson).RootElement.GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble(),
            document.GetProperty("result").GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble());
    }

    [Fact]
    public async Task Signals_read_back_in_csv_and_parquet_raw_and_decimated_and_the_recording_is_the_original_file()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var recording = SignalRows.Read(Sample);

        using var decimated = await server.Client.GetAsync($"/api/sessions/{id}/export/signals.parquet?kind=envelope&decimate=100");
        Assert.Equal(HttpStatusCode.OK, decimated.StatusCode);
        Assert.Equal($"{Stem}_signals-envelope-decimated-100.parquet", decimated.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var expected = SignalRows.Buckets(recording, SignalKind.Envelope, 100).ToList();
        using (var parquet = new MemoryStream(await decimated.Content.ReadAsByteArrayAsync()))
        {
            await using var reader = await ParquetReader.CreateAsync(parquet);
            using var group = reader.OpenRowGroupReader(0);
            Assert.Equal(expected.Count, group.RowCount);
            var max = new double?[group.RowCount];
            await group.ReadAsync<double>(reader.Schema.GetDataFields().Single(f => f.Name == "max"), max);
            Assert.Equal(expected.Select(b => (double?)b.Max), max);
        }

        using var raw = await server.Client.GetAsync($"/api/sessions/{id}/export/signals.csv?kind=raw");
        Assert.Equal($"{Stem}_signals-raw.csv", raw.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var csv = new CsvReader(new StreamReader(await raw.Content.ReadAsStreamAsync()), CultureInfo.InvariantCulture))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            long rows = 0;
            while (await csv.ReadAsync())
            {
                if (rows == 1234)
                {
                    Assert.Equal(recording.Channels[0][1234], csv.GetField<double>("value"));
                }

                rows++;
            }

            Assert.Equal(recording.Channels.Sum(c => (long)c.Length), rows);
        }

        using var original = await server.Client.GetAsync($"/api/sessions/{id}/export/recording.c3d");
        Assert.Equal($"{Stem}_recording.c3d", original.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Sample, await original.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_cohort_export_streams_csv_and_parquet_with_the_sessions_list_filters()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var analytics = (await server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/analytics")).GetProperty("analytics");
        var channels = analytics.EnumerateObject().ToList();
        var scores = await server.WaitForScoreAsync(id);

        using var csvResponse = await server.Client.GetAsync("/api/export/sessions.csv?patient_id=P005&status=completed");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Matches(@"^sessions_\d{4}-\d{2}-\d{2}\.csv$", csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var csv = new CsvReader(new StreamReader(await csvResponse.Content.ReadAsStreamAsync()), CultureInfo.InvariantCulture))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            Assert.Contains("patient_name", csv.HeaderRecord!); // the local user is no researcher: the full table
            foreach (var channel in channels)
            {
                Assert.True(await csv.ReadAsync());
                Assert.Equal(id.ToString("D"), csv.GetField("session_id"));
                Assert.Equal("P005", csv.GetField("patient_code"));
                Assert.Equal(channel.Name, csv.GetField("channel"));
                Assert.Equal(channel.Value.GetProperty("rms").GetDouble(), csv.GetField<double>("rms"));
                // Scored after Phase 2: the scores the API serves (session_scores), equal to the digits written (shortest
                // round-trip text: tolerance 0), with the profile and configuration they were computed with.
                Assert.Equal(scores.GetProperty("overall_score").GetDouble(), csv.GetField<double>("overall_score"));
                Assert.Equal(scores.GetProperty("compliance_score").GetDouble(), csv.GetField<double>("compliance_score"));
                Assert.Equal(scores.GetProperty("profile").GetString(), csv.GetField("scoring_profile"));
                Assert.Equal(scores.GetProperty("scoring_config_id").GetString(), csv.GetField("scoring_config_id"));
                Assert.Equal(scores.GetProperty("scoring_config_name").GetString(), csv.GetField("scoring_config_name"));
                Assert.Equal("emgs", csv.GetField("scores_origin"));
                Assert.Equal(scores.GetProperty("data_completeness").GetProperty("has_rpe").GetBoolean(), csv.GetField<bool>("has_rpe"));
            }

            Assert.False(await csv.ReadAsync());
        }

        using var parquetResponse = await server.Client.GetAsync("/api/export/sessions.parquet");
        Assert.Matches(@"^sessions_\d{4}-\d{2}-\d{2}\.parquet$", parquetResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var parquet = new MemoryStream(await parquetResponse.Content.ReadAsByteArrayAsync()))
        {
            await using var reader = await ParquetReader.CreateAsync(parquet);
            using var group = reader.OpenRowGroupReader(0);
            var mpf = new double?[group.RowCount];
            await group.ReadAsync<double>(reader.Schema.GetDataFields().Single(f => f.Name == "mpf"), mpf);
            Assert.Equal(channels.Select(c => (double?)c.Value.GetProperty("mpf").GetDouble()), mpf);
        }

        using var none = await server.Client.GetAsync("/api/export/sessions.csv?patient_id=P999");
        var text = await none.Content.ReadAsStringAsync();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only
    }

    [Theory]
    [InlineData("/api/sessions/{id}/export/signals.csv?kind=emg", "kind", "kind must be raw or envelope (got 'emg').")]
    [InlineData("/api/sessions/{id}/export/signals.parquet?decimate=0", "decimate", "decimate must be a whole number of min/max buckets per channel between 1 and 1000000 (got '0'); leave it out for every sample.")]
    [InlineData("/api/sessions/not-a-uuid/export/metrics.csv", "id", "id 'not-a-uuid' is not a session id: give a UUID such as 0193a0c2-7d4e-7b1a-9c3e-5f6a7b8c9d0e.")]
    [InlineData("/api/export/sessions.csv?status=done", "status", "Unknown status 'done'; use one of pending, processing, completed, failed, reprocessing.")]
    [InlineData("/api/export/sessions.parquet?from=yesterday", "from", "from must be an ISO 8601 date or date-time such as 2023-03-21 or 2023-03-21T17:50:00Z (got 'yesterday').")]
    public async Task Every_invalid_export_parameter_is_a_400_that_names_it(string path, string parameter, string message)
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });

        using var response = await server.Client.GetAsync(path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message, Assert.Single(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_session_not_analysed_yet_or_whose_file_is_gone_answers_what_to_do_and_an_unknown_one_404()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        await server.PutAsync(Key, Sample);
        var id = Guid.Parse((await server.SendWebhookAsync(Key, Sample.Length)).GetProperty("processing_id").GetString()!);

        using var pending = await server.Client.GetAsync($"/api/sessions/{id}/export/metrics.csv");
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        var detail = (await pending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Equal($"Session {id} has no stored analysis yet (status pending); export it once processing has completed, or POST /api/sessions/{id}/reprocess.", detail);

        File.Delete(Path.Combine(server.Root, "storage", EndToEndServer.Bucket, Key.Replace('/', Path.DirectorySeparatorChar)));
        using var gone = await server.Client.GetAsync($"/api/sessions/{id}/export/recording.c3d");
        Assert.Equal(HttpStatusCode.Conflict, gone.StatusCode);
        var goneDetail = (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Equal($"The recording of session {id} (Ghostly_Emg_20230321_17-50-17-0881.c3d) is no longer in the 'c3d-examples' bucket; upload it again to export it.", goneDetail);
        Assert.DoesNotContain(server.Root, goneDetail, StringComparison.Ordinal);

        using var unknown = await server.Client.GetAsync($"/api/sessions/{Guid.NewGuid()}/export/contractions.csv");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Roles_decide_who_exports_a_researchers_cohort_is_pseudonymised_and_every_export_is_audited()
    {
        await using var server = await EndToEndServer.StartAsync(_database.Spec);
        var id = await IngestAsync(server);
        var audit = new AuditTrail();

        var researcher = Actor.Researcher("r@example.org");
        var (status, body, headers) = await CallAsync(server, audit, researcher, c => ExportEndpoints.CohortAsync(c, parquet: false, CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Contains("_pseudonymised.csv", headers, StringComparison.Ordinal);
        var header = Encoding.UTF8.GetString(body).Split('\n')[0];
        Assert.DoesNotContain("patient_name", header, StringComparison.Ordinal);
        Assert.DoesNotContain("date_of_birth", header, StringComparison.Ordinal);
        Assert.DoesNotContain("notes", header, StringComparison.Ordinal);
        var cohortEvent = Assert.Single(audit.Events);
        Assert.Equal(("export", "r@example.org", "researcher", "export", "sessions.csv"),
            (cohortEvent.Action, cohortEvent.Actor, cohortEvent.ActorRole, cohortEvent.SubjectType, cohortEvent.SubjectId));
        Assert.Equal("true", cohortEvent.Details["pseudonymised"]);

        // Per-session files are for the patient's own therapist and admins: a researcher is refused, another therapist sees nothing.
        (status, _, _) = await CallAsync(server, audit, researcher, c => ExportEndpoints.MetricsAsync(id.ToString(), c, CancellationToken.None));
        Assert.Equal(StatusCodes.Status403Forbidden, status);
        (status, _, _) = await CallAsync(server, audit, Actor.Therapist("t@example.org", Guid.NewGuid()), c => ExportEndpoints.MetricsAsync(id.ToString(), c, CancellationToken.None));
        Assert.Equal(StatusCodes.Status404NotFound, status);
        (status, _, _) = await CallAsync(server, audit, Actor.Machine("ci"), c => ExportEndpoints.CohortAsync(c, parquet: true, CancellationToken.None));
        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.Single(audit.Events); // refusals export nothing and are not export events

        (status, _, _) = await CallAsync(server, audit, Actor.Admin("a@example.org"), c => ExportEndpoints.MetricsAsync(id.ToString(), c, CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, status);
        var sessionEvent = audit.Events[1];
        Assert.Equal(("export", "a@example.org", "session", id.ToString("D")), (sessionEvent.Action, sessionEvent.Actor, sessionEvent.SubjectType, sessionEvent.SubjectId));
        Assert.Equal($"{Stem}_metrics.csv", sessionEvent.Details["file"]);
    }

    /// <summary>The session's score as the API serves it, once Phase 2's scoring (right after completion) has stored it.</summary>
    private static async Task<Guid> IngestAsync(EndToEndServer server)
    {
        await server.PutAsync(Key, Sample);
        var id = Guid.Parse((await server.SendWebhookAsync(Key, Sample.Length)).GetProperty("processing_id").GetString()!);
        Assert.Equal("completed", (await server.WaitForOutcomeAsync(id))[^1]);
        await server.WaitForScoreAsync(id);
        return id;
    }

    /// <summary>Runs a route's handler as <paramref name="actor"/> on the server's real services, with <paramref name="audit"/> as the sink.</summary>
    private static async Task<(int Status, byte[] Body, string ContentDisposition)> CallAsync(
        EndToEndServer server, AuditTrail audit, Actor actor, Func<HttpContext, Task<IResult>> handler)
    {
        using var scope = server.Services.CreateScope();
        var context = new DefaultHttpContext
        {
            User = ActorClaims.ToPrincipal(actor, "test"),
            RequestServices = new AuditingServices(scope.ServiceProvider, audit),
        };
        using var body = new MemoryStream();
        context.Response.Body = body;
        context.Request.Path = "/test";
        var result = await handler(context);
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, body.ToArray(), context.Response.Headers.ContentDisposition.ToString());
    }

    /// <summary>The audit events of a test, in order.</summary>
    private sealed class AuditTrail : IAuditSink
    {
        public List<AuditEvent> Events { get; } = [];

        public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
        {
            Events.Add(auditEvent);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The server's services, with the test's audit trail as the sink.</summary>
    private sealed class AuditingServices(IServiceProvider inner, IAuditSink audit) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IAuditSink) ? audit : inner.GetService(serviceType);
    }
}

public sealed class SqliteExportEndpointsTests() : ExportEndpointsTests(postgres: false);

public sealed class PostgresExportEndpointsTests() : ExportEndpointsTests(postgres: true);

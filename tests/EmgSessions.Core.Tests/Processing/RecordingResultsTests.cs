using System.Text.Json;
using EmgSessions.C3d;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Ingestion;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Processing;

/// <summary>
/// Phase 2 results that say what they are, on both databases: a recording with nothing to analyse fails with the
/// reason and never replaces earlier analytics; a truncated one keeps its partial data and says so.
/// </summary>
public abstract class RecordingResultsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : IngestionDatabase
{
    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));

    [Fact]
    public async Task A_recording_cut_after_700_bytes_fails_saying_the_upload_is_incomplete()
    {
        using var harness = new ProcessingHarness(database.Store);
        var id = await harness.UploadAsync(Unique("P001/s/cut.c3d"), FirstBytes(700));

        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Failed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Failed, session.ProcessingStatus);
        Assert.Equal(
            "The recording holds no samples: the file ends at byte 700 but its data should start at byte 1536: the upload is incomplete.",
            session.ProcessingErrorMessage);
        Assert.False(StoredAnalytics.Read(session.AnalyticsCacheJson).HasAnalytics);
        Assert.Null(session.Technical);
    }

    [Fact]
    public async Task An_overwrite_by_a_file_with_no_samples_fails_and_keeps_the_earlier_good_analytics()
    {
        // Given a session completed from a good recording.
        using var harness = new ProcessingHarness(database.Store);
        var key = Unique("P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d");
        var goodBytes = Fresh(Sample0881);
        var id = await harness.UploadAsync(key, goodBytes);
        Assert.Equal(ProcessingOutcome.Completed, await ProcessOwnAsync(harness, id));
        var good = (await harness.SessionAsync(id)).AnalyticsCacheJson;

        // When the object is overwritten by its first 700 bytes.
        var overwrite = await harness.UploadAsync(key, FirstBytes(700));
        Assert.Equal(id, overwrite);
        var outcome = await ProcessOwnAsync(harness, id);

        // Then the session failed with the reason, and the earlier analytics are still there, unchanged.
        Assert.Equal(ProcessingOutcome.Failed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Failed, session.ProcessingStatus);
        Assert.Equal(
            "The recording holds no samples: the file ends at byte 700 but its data should start at byte 1536: the upload is incomplete. The analytics of the previous upload are kept.",
            session.ProcessingErrorMessage);
        using var before = JsonDocument.Parse(good);
        using var after = JsonDocument.Parse(session.AnalyticsCacheJson);
        JsonEquivalence.AssertEquivalent(before.RootElement, after.RootElement, "analytics_cache");
        Assert.Equal(2, after.RootElement.GetProperty("analytics").EnumerateObject().Count());

        // The kept analytics name the file they come from, which is no longer the session's file.
        var stored = StoredAnalytics.Read(session.AnalyticsCacheJson);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(goodBytes)), stored.FileHash);
        Assert.NotEqual(session.FileHash, stored.FileHash);
    }

    [Fact]
    public async Task A_recording_truncated_to_sixty_percent_completes_with_its_partial_data_and_stores_its_warnings()
    {
        using var harness = new ProcessingHarness(database.Store);
        var truncated = Vary(Sample0881[..(Sample0881.Length * 60 / 100)]);
        var id = await harness.UploadAsync(Unique("P001/s/partial.c3d"), truncated);

        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Completed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(3466, session.Technical!.FrameCount);
        Assert.Equal(3466 * 30, session.Technical.OriginalSampleCount);
        Assert.Equal(990.0, session.Technical.SamplingRate);
        var stored = StoredAnalytics.Read(session.AnalyticsCacheJson);
        var warning = Assert.Single(stored.Warnings);
        Assert.Equal("FrameCountClamped", warning.Code);
        Assert.Equal("The parameters declare 5779 frames but the file holds only 3466 complete frames of 496 bytes.", warning.Message);
        Assert.Empty(stored.SkippedChannels);
        Assert.Equal(session.FileHash, stored.FileHash);
    }

    [Fact]
    public async Task A_recording_with_only_force_channels_fails_with_the_reason_and_keeps_its_technical_data()
    {
        using var harness = new ProcessingHarness(database.Store);
        var samples = Enumerable.Range(0, 3000).Select(i => Math.Sin(i / 7.0) + (i % 13)).ToArray();
        var bytes = new C3dWriter(100, 10)
            .AddAnalog("FX1", samples, units: "N")
            .AddAnalog("Moment", samples, units: "N·mm")
            .ToArray();
        var id = await harness.UploadAsync(Unique("P001/s/forces.c3d"), Vary(bytes));

        var outcome = await ProcessOwnAsync(harness, id);

        Assert.Equal(ProcessingOutcome.Failed, outcome);
        var session = await harness.SessionAsync(id);
        Assert.Equal(SessionStatus.Failed, session.ProcessingStatus);
        Assert.StartsWith("The recording has no EMG channel: FX1: its unit N is not a voltage: not EMG; Moment: its unit N·mm is not a voltage",
            session.ProcessingErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, session.Technical!.ChannelCount);
    }

    [Fact]
    public async Task A_file_that_is_not_c3d_fails_saying_so_once()
    {
        using var harness = new ProcessingHarness(database.Store);
        var text = System.Text.Encoding.ASCII.GetBytes($"{Guid.NewGuid()} is not a C3D file");
        var id = await harness.UploadAsync(Unique("P001/s/text.c3d"), text);

        Assert.Equal(ProcessingOutcome.Failed, await ProcessOwnAsync(harness, id));

        var message = (await harness.SessionAsync(id)).ProcessingErrorMessage!;
        Assert.Equal($"Not a readable C3D file: the file is {text.Length} bytes long, shorter than the 512-byte header (at byte 0).", message);
    }

    private static string Unique(string key) => Guid.NewGuid().ToString("N")[..8] + "/" + key;

    /// <summary>The bytes with 16 random bytes after the data: new content (file_hash is unique), the same recording.</summary>
    private static byte[] Fresh(byte[] bytes) => [.. bytes, .. Guid.NewGuid().ToByteArray()];

    /// <summary>The first <paramref name="count"/> bytes of 0881, made unique in unused header words (reserved bytes 24–293).</summary>
    private static byte[] FirstBytes(int count) => Vary(Sample0881[..count]);

    /// <summary>The same length and meaning, different bytes: 16 random bytes in the header's reserved words.</summary>
    private static byte[] Vary(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        Guid.NewGuid().ToByteArray().CopyTo(copy, 100);
        return copy;
    }

    /// <summary>Claims jobs until this session's comes up (other tests share the database), giving back the others.</summary>
    private static async Task<ProcessingOutcome> ProcessOwnAsync(ProcessingHarness harness, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var job = await harness.Store.ClaimJobAsync("test-worker", TimeSpan.FromMinutes(1), CancellationToken.None);
            if (job is null)
            {
                await Task.Delay(20);
                continue;
            }

            if (job.SessionId == id)
            {
                return await harness.Processor.ProcessAsync(job, "test-worker", CancellationToken.None);
            }

            await harness.Store.ReleaseJobAsync(job.JobId, "test-worker", CancellationToken.None);
            await Task.Delay(5);
        }

        throw new TimeoutException($"The job of session {id} never came up.");
    }
}

public sealed class SqliteRecordingResultsTests(SqliteIngestionDatabase database) : RecordingResultsTests<SqliteIngestionDatabase>(database);

public sealed class PostgresRecordingResultsTests(PostgresIngestionDatabase database) : RecordingResultsTests<PostgresIngestionDatabase>(database);

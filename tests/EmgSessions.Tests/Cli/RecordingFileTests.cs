using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Cli;
using EmgSessions.Core.Recordings;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Cli;

/// <summary>
/// <c>emgs analyze</c> decodes a large recording from a memory map instead of a byte array (peak memory, issue 16): the
/// reader sees the same bytes, so the recording and its analysis are the same, and failures read the same.
/// </summary>
public sealed class RecordingFileTests
{
    [Fact]
    public async Task A_mapped_recording_decodes_to_the_same_samples_as_its_bytes()
    {
        var path = TestFiles.Sample(TestFiles.Ghostly0881);
        var expected = C3dReader.Read(await File.ReadAllBytesAsync(path));

        var mapped = await RecordingFile.ReadAsync(path, mapThreshold: 0, analogChannels: null, CancellationToken.None);

        Assert.Equal(expected.Info.FileLength, mapped.Info.FileLength);
        Assert.Equal(expected.Info.AnalogRate, mapped.Info.AnalogRate);
        Assert.Equal(expected.Analog.Count, mapped.Analog.Count);
        for (var c = 0; c < expected.Analog.Count; c++)
        {
            Assert.Equal(173_370, mapped.Analog[c].Length);
            Assert.Equal(expected.Analog[c], mapped.Analog[c]);
        }
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(RecordingFile.MapThreshold)]
    public async Task An_empty_file_is_not_a_readable_C3D_file_mapped_or_not(long threshold)
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = await Assert.ThrowsAsync<C3dFormatException>(() => RecordingFile.ReadAsync(path, threshold, null, CancellationToken.None));
            Assert.Equal(C3dReaderFailure(Array.Empty<byte>()), error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_file_fails_as_it_did_when_it_was_read_into_an_array()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"emgs-{Guid.NewGuid():N}.c3d");

        await Assert.ThrowsAsync<FileNotFoundException>(() => RecordingFile.ReadAsync(missing, 0, null, CancellationToken.None));
        var (code, output, error) = await CliRunner.RunAsync("analyze", missing, "--json");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal($"emgs analyze: cannot read {missing}: no such file.\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_recording_above_the_mapping_threshold_gives_the_analysis_of_its_bytes()
    {
        // 18 minutes at 990 Hz with four channels: 17.7 MB, above the 16 MiB threshold, so analyze maps it.
        var recording = SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { DurationSeconds = 18 * 60, ContractionsPerChannel = 40, Seed = 16 });
        Assert.True(recording.Bytes.Length >= RecordingFile.MapThreshold);
        var path = Path.Combine(Path.GetTempPath(), $"emgs-{Guid.NewGuid():N}.c3d");
        await File.WriteAllBytesAsync(path, recording.Bytes);
        try
        {
            var expected = EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(recording.Bytes))).ToAnalyzeJson(indented: true);

            var (code, output, _) = await CliRunner.RunAsync("analyze", path, "--json");

            Assert.Equal(0, code);
            Assert.Equal(expected + Environment.NewLine, output);
            Assert.Contains("\"contraction_count\": 40", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string C3dReaderFailure(byte[] bytes)
    {
        try
        {
            C3dReader.Read(bytes);
            return "read";
        }
        catch (C3dFormatException ex)
        {
            return ex.Message;
        }
    }
}

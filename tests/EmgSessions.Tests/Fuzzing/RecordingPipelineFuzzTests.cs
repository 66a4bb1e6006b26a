using System.Diagnostics;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.C3d.Synthetic;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Testing;
using Xunit.Abstractions;

namespace EmgSessions.Tests.Fuzzing;

/// <summary>
/// Fuzzing of what a worker does with a file (system.md §4.3: nothing a bad file does may crash or hang a
/// worker): damaged recordings go through the reader, the technical-data extraction and the session
/// analysis. Only <see cref="C3dFormatException"/> and a permanent <see cref="SessionProcessingException"/> (nothing to
/// analyse) may escape, every call ends in bounded time and memory.
/// Seeds: the shared GHOSTLY samples, the c3d-suite files, and synthetic recordings from our writer.
/// The C3D helper's reader-only fuzz lives in tests/EmgSessions.C3d.Tests/Fuzzing.
/// </summary>
public sealed class RecordingPipelineFuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 150;

    [Fact]
    public void Damaged_recordings_end_as_a_result_or_a_format_error_in_bounded_time_and_memory()
    {
        var iterations = FuzzBudget.Iterations(DefaultIterations);
        var seed = FuzzBudget.Seed(0xE_F022);
        var mutator = new RecordingMutator(new Random((int)(seed & 0x7FFF_FFFF)), Seeds());
        var analysis = new SessionAnalysis(new AnalysisOptions());
        int read = 0, rejected = 0, analysed = 0;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();

        for (var i = 0; i < iterations; i++)
        {
            var (bytes, description) = mutator.Next();
            var where = $"iteration {i} (seed {seed}), {description}";
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                var recording = C3dReader.Read(bytes);
                read++;
                var technical = TechnicalDataExtractor.From(Guid.NewGuid(), recording.Info);
                Assert.True(technical.ChannelCount is null or > 0, where);
                Assert.True(technical.SamplingRate is null || (double.IsFinite(technical.SamplingRate.Value) && technical.SamplingRate > 0), where);
                var result = analysis.Run(recording, DateTimeOffset.UnixEpoch);
                Assert.False(string.IsNullOrEmpty(result.CacheJson), where);
                analysed++;
            }
            catch (C3dFormatException)
            {
                rejected++;
            }
            catch (SessionProcessingException e) when (!e.Transient)
            {
                // Nothing to analyse (no sample, no EMG channel): a permanent failure with its reason, never a crash.
                Assert.False(string.IsNullOrWhiteSpace(e.Message), where);
                rejected++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{where}: {e.GetType().Name} escaped: {e.Message}\n{e.StackTrace}");
            }

            clock.Stop();
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            // A guard against runaway inputs (a loop or a blow-up), not a speed target: generous for a loaded machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"{where}: took {clock.Elapsed}");
            Assert.True(allocated < (64L * bytes.Length) + (64 << 20), $"{where}: allocated {allocated} bytes for a {bytes.Length}-byte file");
        }

        output.WriteLine($"{iterations} iterations (seed {seed}) in {total.Elapsed.TotalSeconds:F1} s: read {read}, analysed {analysed}, rejected {rejected}; slowest {slowest.TotalMilliseconds:F0} ms");
        Assert.True(analysed > iterations / 10, "The fuzzer must reach the analysis, not only the reader's rejections.");
        Assert.True(rejected > 0);
    }

    private static IReadOnlyList<byte[]> Seeds()
    {
        var files = TestFiles.SuiteFileNames().Select(TestFiles.SuiteFile)
            .Concat(TestFiles.GhostlyStems.Select(TestFiles.Sample))
            .Select(File.ReadAllBytes)
            .Where(b => b.Length < 1_500_000);
        var synthetic = Enumerable.Range(1, 3).Select(s =>
            SyntheticGhostlyRecording.Create(new SyntheticGhostlyOptions { Seed = (ulong)s, DurationSeconds = 20, ContractionsPerChannel = 4 }).Bytes);
        return [.. files, .. synthetic];
    }
}

using System.Diagnostics;

namespace EmgSessions.C3d.Tests.Fuzzing;

/// <summary>Runs the reader on damaged bytes and checks the contract: a result or a <see cref="C3dFormatException"/>, in bounded time and memory.</summary>
internal static class DamagedInput
{
    public enum Outcome
    {
        Read,
        Rejected,
    }

    public static Outcome Check(byte[] bytes, string description)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            var identified = C3dReader.Identify(bytes);
            var recording = C3dReader.Read(bytes);
            Assert.Equal(identified.FrameCount, recording.Info.FrameCount);
            Assert.True(recording.Info.FrameCount * recording.Info.FrameSize <= bytes.Length, description + ": more frames than bytes");
            Assert.All(recording.Analog, a => Assert.Equal(recording.Info.AnalogSamplesPerChannel, a.LongLength));
            return Outcome.Read;
        }
        catch (C3dFormatException ex)
        {
            // A wrapped exception would be a reader bug that the safety net caught.
            Assert.True(ex.InnerException is null, $"{description}: reader bug {ex.InnerException}");
            Assert.True(ex.Offset >= 0 && ex.Offset <= Math.Max(bytes.Length, 512), description + ": offset outside the file");
            return Outcome.Rejected;
        }
        finally
        {
            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            // A guard against a hang or a runaway loop, not a speed target (speed is measured in the benchmarks): a busy
            // machine made a 2 s bound fail on input the reader handles in milliseconds. Work is bounded by the allocation check.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{description}: took {clock.Elapsed}");
            Assert.True(allocated < (16L * bytes.Length) + (4 << 20), $"{description}: allocated {allocated} bytes for a {bytes.Length}-byte file");
        }
    }
}

using BenchmarkDotNet.Attributes;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Testing;

namespace EmgSessions.Benchmarks;

/// <summary>
/// Reading and analysing the 175 s GHOSTLY recording (0881: 173 370 samples × 2 analysed channels). Issue 16's target:
/// read + analyse on one core ≤ 8 ms (the predecessor's script: ~320 ms on one core). The "one thread" rows are that
/// single-core figure; run them pinned (<c>taskset -c 0 dotnet run …</c>) for a like-for-like comparison. "read for
/// analysis" decodes only the channels the analysis reads (what <c>emgs analyze</c> and Phase 2 do); "read" decodes all four.
/// </summary>
[MemoryDiagnoser]
public class EmgAnalysisBenchmarks
{
    private byte[] _bytes = [];
    private EmgRecording _recording = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
        _recording = EmgRecordingFactory.FromC3d(C3dReader.Read(_bytes));
    }

    [Benchmark(Baseline = true, Description = "read + analyse 0881")]
    public EmgAnalysisResult ReadAndAnalyze() => EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(_bytes)));

    [Benchmark(Description = "read + analyse 0881, one thread")]
    public EmgAnalysisResult ReadAndAnalyzeOnOneThread() => EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(C3dReader.Read(_bytes)), null, parallel: false);

    [Benchmark(Description = "analyse 0881")]
    public EmgAnalysisResult Analyze() => EmgAnalyzer.Analyze(_recording);

    [Benchmark(Description = "analyse 0881, one thread")]
    public EmgAnalysisResult AnalyzeOnOneThread() => EmgAnalyzer.Analyze(_recording, null, parallel: false);

    [Benchmark(Description = "read 0881")]
    public EmgRecording Read() => EmgRecordingFactory.FromC3d(C3dReader.Read(_bytes));

    [Benchmark(Description = "read for analysis + analyse 0881")]
    public EmgAnalysisResult ReadForAnalysisAndAnalyze() => EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(EmgRecordingFactory.ReadForAnalysis(_bytes, null)));

    [Benchmark(Description = "read for analysis + analyse 0881, one thread")]
    public EmgAnalysisResult ReadForAnalysisAndAnalyzeOnOneThread() =>
        EmgAnalyzer.Analyze(EmgRecordingFactory.FromC3d(EmgRecordingFactory.ReadForAnalysis(_bytes, null)), null, parallel: false);

    [Benchmark(Description = "read for analysis 0881")]
    public EmgRecording ReadForAnalysis() => EmgRecordingFactory.FromC3d(EmgRecordingFactory.ReadForAnalysis(_bytes, null));
}

using BenchmarkDotNet.Attributes;
using EmgSessions.C3d;
using EmgSessions.Testing;

namespace EmgSessions.Benchmarks;

/// <summary>Identify and Read on the three GHOSTLY samples; the 2.9 MB sample's Read is the baseline.</summary>
[MemoryDiagnoser]
public class C3dReaderBenchmarks
{
    private byte[] _sample0409 = [];
    private byte[] _sample0881 = [];
    private byte[] _sample0823 = [];

    [GlobalSetup]
    public void LoadSamples()
    {
        _sample0409 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0409));
        _sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
        _sample0823 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0823));
    }

    [Benchmark(Baseline = true)]
    public C3dRecording Read_0881_2_9MB() => C3dReader.Read(_sample0881);

    [Benchmark]
    public C3dRecording Read_0409_1_2MB() => C3dReader.Read(_sample0409);

    [Benchmark]
    public C3dRecording Read_0823_1_0MB() => C3dReader.Read(_sample0823);

    [Benchmark]
    public C3dInfo Identify_0881() => C3dReader.Identify(_sample0881);

    [Benchmark]
    public C3dInfo Identify_0409() => C3dReader.Identify(_sample0409);

    [Benchmark]
    public C3dInfo Identify_0823() => C3dReader.Identify(_sample0823);
}

using BenchmarkDotNet.Attributes;
using EmgSessions.Analysis.Signals;
using EmgSessions.C3d;
using EmgSessions.Core.Signals;
using EmgSessions.Testing;

namespace EmgSessions.Benchmarks;

/// <summary>
/// The stored signal summaries of a whole recording (the file <c>signals/&lt;sha256&gt;.ems</c>) on the 175 s recording
/// 0881: building them from the C3D file (once per recording), reading them back from their bytes (a server that does
/// not hold them in memory), and a 2,400-point window of a held recording (the endpoint's lookup).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class SessionSignalsBenchmarks
{
    private byte[] _file = [];
    private byte[] _stored = [];
    private SessionSignals _signals = null!;
    private SignalWindowRequest _window = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
        _signals = SessionSignals.Build(C3dReader.Read(_file));
        _stored = _signals.ToBytes();
        var raw = _signals.Find("CH1")!.Raw;
        _window = SignalWindowRequest.TryCreate(40, 65, 2400, raw.Duration, out var request) is { } problem
            ? throw new InvalidOperationException(problem.Message)
            : request!;
        Console.WriteLine($"// stored summaries of 0881: {_stored.Length} bytes");
    }

    [Benchmark(Description = "summaries of 0881 built from the C3D file (read + 2 channels × raw, envelope, activated)")]
    public int BuildFromFile() => SessionSignals.Build(C3dReader.Read(_file)).ChannelNames.Count;

    [Benchmark(Description = "summaries of 0881 read from their stored bytes")]
    public int ReadStored() => SessionSignals.FromBytes(_stored).ChannelNames.Count;

    [Benchmark(Description = "2,400-point raw window of a held recording, 25 s zoom, Float32")]
    public byte[] Window() => _signals.Find("CH1")!.Raw.Window(_window).ToFloat32Bytes();
}

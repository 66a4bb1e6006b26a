using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using EmgSessions.Analysis;
using EmgSessions.Analysis.Signals;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Testing;

namespace EmgSessions.Benchmarks;

/// <summary>
/// The dashboard's signal summaries on the 175 s recording 0881 (173 370 samples at 990 Hz): building the min/max
/// pyramid once per channel, and a 2,400-point window (dashboard.md §3: p95 &lt; 10 ms warm).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class SignalPyramidBenchmarks
{
    private double[] _channel = [];
    private SignalPyramid _pyramid = null!;
    private byte[] _stored = [];
    private SignalWindowRequest _whole = null!;
    private SignalWindowRequest _zoom = null!;
    private readonly ArrayBufferWriter<byte> _buffer = new(128 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        var recording = EmgRecordingFactory.FromC3d(C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881))));
        _channel = recording.Channels[0];
        _pyramid = SignalPyramid.Build(_channel, 990);
        _stored = _pyramid.ToBytes();
        _whole = Request(null, null);
        _zoom = Request(60.25, 80.75);
    }

    [Benchmark(Description = "pyramid of one 0881 channel (raw)")]
    public SignalPyramid BuildRaw() => SignalPyramid.Build(_channel, 990);

    [Benchmark(Description = "raw + envelope pyramids of one 0881 channel")]
    public ChannelSignalSummaries BuildRawAndEnvelope() => ChannelSignalSummaries.Build(_channel, 990);

    [Benchmark(Description = "pyramid from stored bytes")]
    public SignalPyramid FromStoredBytes() => SignalPyramid.FromBytes(_stored);

    [Benchmark(Description = "2,400-point window, whole recording")]
    public SignalWindow WholeWindow() => _pyramid.Window(_whole);

    [Benchmark(Description = "2,400-point window, 20.5 s zoom")]
    public SignalWindow ZoomWindow() => _pyramid.Window(_zoom);

    [Benchmark(Description = "2,400-point window, whole recording, as JSON")]
    public int WholeWindowJson()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        _pyramid.Window(_whole).WriteJson(writer);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "2,400-point window, whole recording, as Float32 bytes")]
    public byte[] WholeWindowFloat32() => _pyramid.Window(_whole).ToFloat32Bytes();

    private SignalWindowRequest Request(double? fromS, double? toS) =>
        SignalWindowRequest.TryCreate(fromS, toS, 2400, _pyramid.Duration, out var request) is { } problem
            ? throw new InvalidOperationException(problem.Message)
            : request!;
}

/// <summary>Adds the 95th percentile the dashboard's target is stated in.</summary>
internal sealed class P95Config : ManualConfig
{
    public P95Config() => AddColumn(StatisticColumn.P95);
}

using EmgSessions.C3d;
using EmgSessions.Core.Signals;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Signals;

/// <summary>The stored summaries of a whole recording: channels by base name, the three kinds, and the file form.</summary>
public sealed class SessionSignalsTests
{
    private static readonly SessionSignals Signals0881 = SessionSignals.Build(C3dReader.Read(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881))));

    [Fact]
    public void Channels_are_named_by_their_base_and_carry_raw_envelope_and_activated_signals()
    {
        Assert.Equal(["CH1", "CH2"], Signals0881.ChannelNames);
        var ch1 = Signals0881.Find("ch1")!;
        Assert.Equal("CH1", ch1.Name);
        Assert.Equal(173370, ch1.Raw.SampleCount);
        Assert.Equal(990.0, ch1.Raw.SamplingRate);
        Assert.NotNull(ch1.Of(SignalKinds.Envelope));
        Assert.NotNull(ch1.Of(SignalKinds.Activated));
        Assert.Null(ch1.Of("emg"));
        Assert.Null(Signals0881.Find("CH3"));
    }

    [Fact]
    public void The_file_form_reads_back_the_same_values()
    {
        var again = SessionSignals.FromBytes(Signals0881.ToBytes());

        Assert.Equal(Signals0881.ChannelNames, again.ChannelNames);
        foreach (var name in Signals0881.ChannelNames)
        {
            foreach (var kind in SignalKinds.All)
            {
                var before = Signals0881.Find(name)!.Of(kind)!;
                var after = again.Find(name)!.Of(kind)!;
                Assert.Equal(before.ToBytes(), after.ToBytes());
            }
        }
    }

    [Fact]
    public void Damaged_or_foreign_bytes_are_refused_with_a_format_error()
    {
        var bytes = Signals0881.ToBytes();

        Assert.Throws<FormatException>(() => SessionSignals.FromBytes(bytes[..(bytes.Length / 2)]));
        Assert.Throws<FormatException>(() => SessionSignals.FromBytes([1, 2, 3, 4, 5, 6, 7, 8]));
    }
}

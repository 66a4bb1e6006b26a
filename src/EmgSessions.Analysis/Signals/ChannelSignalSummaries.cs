namespace EmgSessions.Analysis.Signals;

/// <summary>
/// The stored display summaries of one channel: its raw signal and, when the signal passes the §5 validation,
/// the envelope exactly as the analysis computes it (<see cref="EmgDisplaySignals.Envelope"/>).
/// </summary>
public sealed record ChannelSignalSummaries(SignalPyramid Raw, SignalPyramid? Envelope)
{
    /// <summary>Builds both pyramids from <paramref name="raw"/> (volts) at <paramref name="samplingRate"/> Hz.</summary>
    public static ChannelSignalSummaries Build(ReadOnlySpan<double> raw, double samplingRate)
    {
        var envelope = EmgDisplaySignals.Envelope(raw, samplingRate);
        return new ChannelSignalSummaries(
            SignalPyramid.Build(raw, samplingRate),
            envelope is null ? null : SignalPyramid.Build(envelope, samplingRate));
    }
}

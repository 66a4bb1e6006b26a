using EmgSessions.Analysis.Signals;

namespace EmgSessions.Core.Signals;

/// <summary>
/// The stored display summaries of one analysed channel (dashboard.md §2): its raw EMG, its envelope when the signal
/// passes the analysis's validation, and the game's "activated" channel of the same base when the file has one.
/// </summary>
internal sealed record ChannelSignals(string Name, SignalPyramid Raw, SignalPyramid? Envelope, SignalPyramid? Activated)
{
    /// <summary>The pyramid of <paramref name="kind"/> (raw, envelope or activated), or null when this channel has none.</summary>
    public SignalPyramid? Of(string kind) => kind switch
    {
        SignalKinds.Raw => Raw,
        SignalKinds.Envelope => Envelope,
        SignalKinds.Activated => Activated,
        _ => null,
    };
}

namespace EmgSessions.Core.Exports.Signals;

/// <summary>Which signal of a channel to export.</summary>
public enum SignalKind
{
    /// <summary>The scaled analog samples as the C3D file stores them.</summary>
    Raw,

    /// <summary>The envelope the analysis computes and detects contractions on (<see cref="EmgSessions.Analysis.EmgDisplaySignals.Envelope"/>).</summary>
    Envelope,
}

namespace EmgSessions.C3d;

/// <summary>Where an event was stored: the header's 18-slot table or the EVENT parameter group.</summary>
public enum C3dEventSource
{
    /// <summary>Header words 150–234.</summary>
    Header,

    /// <summary>EVENT:TIMES, EVENT:LABELS and EVENT:CONTEXTS.</summary>
    EventGroup,
}

namespace EmgSessions.Core.Stores;

/// <summary>What the session list is ordered by (<see cref="SessionQuery.Sort"/>); ties go by id.</summary>
public enum SessionSort
{
    /// <summary>When the upload was registered (the default).</summary>
    Created,

    /// <summary>The date of the recording (from the file name or the C3D file); sessions without one come last.</summary>
    Recorded,

    /// <summary>The patient code.</summary>
    Patient,

    /// <summary>The processing status.</summary>
    Status,

    /// <summary>The recording's duration (known after Phase 2); sessions without one come last.</summary>
    Duration,

    /// <summary>The file name as uploaded.</summary>
    File,
}

namespace EmgSessions.Tests.Faults;

/// <summary>
/// The fault campaign runs real processes, kills them, stops servers and fills disks: its classes run one
/// at a time (they share the machine's two cores) and never touch the PostgreSQL of the other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "Faults";
}

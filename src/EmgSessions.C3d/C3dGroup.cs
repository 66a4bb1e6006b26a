namespace EmgSessions.C3d;

/// <summary>A parameter group: its name (empty for parameters whose group record is missing), id, description, lock and parameters.</summary>
public sealed class C3dGroup(string name, int id, string description, bool locked, IReadOnlyList<C3dParameter> parameters)
{
    public string Name { get; } = name;

    /// <summary>The group number in the file (positive).</summary>
    public int Id { get; } = id;

    public string Description { get; } = description;

    public bool Locked { get; } = locked;

    public IReadOnlyList<C3dParameter> Parameters { get; } = parameters;

    public override string ToString() => $"{Name} ({Parameters.Count} parameters)";
}

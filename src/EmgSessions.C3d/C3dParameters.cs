namespace EmgSessions.C3d;

/// <summary>All parameters of a file, looked up by <c>GROUP:NAME</c> case-insensitively.</summary>
public sealed class C3dParameters
{
    private readonly Dictionary<string, C3dParameter> _byName;

    public C3dParameters(IReadOnlyList<C3dGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups;
        All = groups.SelectMany(g => g.Parameters).ToArray();
        _byName = new Dictionary<string, C3dParameter>(All.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in All)
        {
            _byName[parameter.FullName] = parameter;
        }
    }

    public static C3dParameters Empty { get; } = new([]);

    public IReadOnlyList<C3dParameter> All { get; }

    public IReadOnlyList<C3dGroup> Groups { get; }

    public C3dParameter? Find(string fullName) =>
        fullName is not null && _byName.TryGetValue(fullName, out var parameter) ? parameter : null;

    public bool TryGet(string fullName, out C3dParameter parameter)
    {
        var found = Find(fullName);
        parameter = found!;
        return found is not null;
    }

    /// <summary>The group with this name (case-insensitive), or null.</summary>
    public C3dGroup? FindGroup(string name) =>
        Groups.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
}

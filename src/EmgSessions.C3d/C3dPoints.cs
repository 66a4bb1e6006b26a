using System.Collections;

namespace EmgSessions.C3d;

/// <summary>The 3-D points of a recording, one <see cref="C3dPoint"/> per POINT:USED entry, in label order.</summary>
public sealed class C3dPoints(IReadOnlyList<C3dPoint> points, long frameCount) : IReadOnlyList<C3dPoint>
{
    public static C3dPoints Empty { get; } = new([], 0);

    public long FrameCount { get; } = frameCount;

    public int Count => points.Count;

    public C3dPoint this[int index] => points[index];

    /// <summary>The point with this label (case-sensitive, first match), or null.</summary>
    public C3dPoint? Find(string label) => points.FirstOrDefault(p => p.Label == label);

    public IEnumerator<C3dPoint> GetEnumerator() => points.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

namespace EmgSessions.C3d;

/// <summary>
/// One point's trajectory over all frames. Invalid frames (4th word negative, or a coordinate not finite) hold NaN
/// coordinates, residual −1 and camera mask 0. A valid residual of 0 means interpolated or modelled; a valid residual
/// of NaN means unknown (a 4th word above 65535, which is not a residual word).
/// </summary>
public sealed class C3dPoint(string label, double[] x, double[] y, double[] z, double[] residual, byte[] cameraMask)
{
    public string Label { get; } = label;

    public double[] X { get; } = x;

    public double[] Y { get; } = y;

    public double[] Z { get; } = z;

    /// <summary>Residual in coordinate units, −1 where the point is invalid, NaN where valid but unknown.</summary>
    public double[] Residual { get; } = residual;

    /// <summary>Camera mask (bit 0 = camera 1), 0 where invalid.</summary>
    public byte[] CameraMask { get; } = cameraMask;

    public int FrameCount => X.Length;

    public bool IsValid(int frame) => !(Residual[frame] < 0);

    public int ValidFrameCount
    {
        get
        {
            var count = 0;
            foreach (var r in Residual)
            {
                if (!(r < 0))
                {
                    count++;
                }
            }

            return count;
        }
    }
}

using System.Buffers;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// Work arrays as long as a whole signal (envelopes, the detection's smoothed envelope). Those of usual recordings come
/// from the shared pool; those of long recordings are allocated at their exact length and left to the collector: a
/// pooled array is rounded up to a power of two (33.5 MB instead of 28.5 MB for an hour at 990 Hz) and stays in the pool
/// after the analysis.
/// </summary>
internal static class SignalBuffer
{
    /// <summary>Longer arrays (8 MiB of doubles, about 17 minutes at 990 Hz) are not pooled.</summary>
    public const int PooledMaximum = 1 << 20;

    /// <summary>An array of at least <paramref name="length"/> elements, contents undefined.</summary>
    public static double[] Rent(int length) =>
        length <= PooledMaximum ? ArrayPool<double>.Shared.Rent(length) : GC.AllocateUninitializedArray<double>(length);

    /// <summary>Gives back an array from <see cref="Rent"/> (pooled ones are never longer than <see cref="PooledMaximum"/>).</summary>
    public static void Return(double[] array)
    {
        if (array.Length <= PooledMaximum)
        {
            ArrayPool<double>.Shared.Return(array);
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// numpy's pairwise summation (<c>pairwise_sum_DOUBLE</c>): fewer than 8 terms are added in order; up to
/// 128 terms use 8 interleaved accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the
/// tail in order; above 128 the span is split at n/2 rounded down to a multiple of 8 and both halves
/// are summed recursively. A contiguous float64 <c>np.sum</c>/<c>np.mean</c> reduces the whole array
/// this way, so the results here equal numpy's to the last bit.
/// </summary>
internal static class PairwiseSum
{
    private const int BlockSize = 128;

    /// <summary>Σ a[i], pairwise.</summary>
    public static double Sum(ReadOnlySpan<double> a) => Sum<Identity>(a, 0.0);

    /// <summary>Σ a[i]², pairwise (numpy: <c>np.sum(a**2)</c>).</summary>
    public static double SumOfSquares(ReadOnlySpan<double> a) => Sum<Square>(a, 0.0);

    /// <summary>Σ |a[i]|, pairwise (numpy: <c>np.sum(np.abs(a))</c>).</summary>
    public static double SumOfAbsolute(ReadOnlySpan<double> a) => Sum<Absolute>(a, 0.0);

    /// <summary>Σ (a[i] − centre)², pairwise (numpy's variance numerator).</summary>
    public static double SumOfSquaredDeviations(ReadOnlySpan<double> a, double centre) => Sum<SquaredDeviation>(a, centre);

    /// <summary>
    /// Σ a[i], Σ a[i]² and Σ |a[i]| in one pass, each pairwise over the same tree as <see cref="Sum(ReadOnlySpan{double})"/>,
    /// <see cref="SumOfSquares"/> and <see cref="SumOfAbsolute"/>, so each has their bits.
    /// </summary>
    public static (double Sum, double SumOfSquares, double SumOfAbsolute) Sums(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            double s = 0, q = 0, m = 0;
            for (var i = 0; i < n; i++)
            {
                s += a[i];
                q += a[i] * a[i];
                m += Math.Abs(a[i]);
            }

            return (s, q, m);
        }

        if (n <= BlockSize)
        {
            return Vector256.IsHardwareAccelerated
                ? Blocks(a)
                : (Block<Identity>(a, 0.0), Block<Square>(a, 0.0), Block<Absolute>(a, 0.0));
        }

        var n2 = n / 2;
        n2 -= n2 % 8;
        var (s1, q1, m1) = Sums(a[..n2]);
        var (s2, q2, m2) = Sums(a[n2..]);
        return (s1 + s2, q1 + q2, m1 + m2);
    }

    /// <summary>The three sums of one block (8 to 128 terms), each lane and tail as <see cref="Block{T}"/> adds them.</summary>
    private static (double Sum, double SumOfSquares, double SumOfAbsolute) Blocks(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        var whole = n - (n % 8);
        ref var start = ref MemoryMarshal.GetReference(a);
        var x0 = Vector256.LoadUnsafe(ref start, 0);
        var x1 = Vector256.LoadUnsafe(ref start, 4);
        Vector256<double> sLo = x0, sHi = x1, qLo = x0 * x0, qHi = x1 * x1, mLo = Vector256.Abs(x0), mHi = Vector256.Abs(x1);
        for (nuint i = 8; i < (nuint)whole; i += 8)
        {
            x0 = Vector256.LoadUnsafe(ref start, i);
            x1 = Vector256.LoadUnsafe(ref start, i + 4);
            sLo += x0;
            sHi += x1;
            qLo += x0 * x0;
            qHi += x1 * x1;
            mLo += Vector256.Abs(x0);
            mHi += Vector256.Abs(x1);
        }

        var s = ((sLo[0] + sLo[1]) + (sLo[2] + sLo[3])) + ((sHi[0] + sHi[1]) + (sHi[2] + sHi[3]));
        var q = ((qLo[0] + qLo[1]) + (qLo[2] + qLo[3])) + ((qHi[0] + qHi[1]) + (qHi[2] + qHi[3]));
        var m = ((mLo[0] + mLo[1]) + (mLo[2] + mLo[3])) + ((mHi[0] + mHi[1]) + (mHi[2] + mHi[3]));
        for (var i = whole; i < n; i++)
        {
            s += a[i];
            q += a[i] * a[i];
            m += Math.Abs(a[i]);
        }

        return (s, q, m);
    }

    private static double Sum<T>(ReadOnlySpan<double> a, double parameter)
        where T : struct, ITermTransform
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += T.Apply(a[i], parameter);
            }

            return res;
        }

        if (n <= BlockSize)
        {
            return Block<T>(a, parameter);
        }

        var n2 = n / 2;
        n2 -= n2 % 8;
        return Sum<T>(a[..n2], parameter) + Sum<T>(a[n2..], parameter);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Block<T>(ReadOnlySpan<double> a, double parameter)
        where T : struct, ITermTransform
    {
        var n = a.Length;
        var whole = n - (n % 8);
        double res;
        if (Vector256.IsHardwareAccelerated)
        {
            // Lanes 0..3 are numpy's r[0..3], lanes 4..7 its r[4..7]: each lane sums its own terms in order.
            ref var start = ref MemoryMarshal.GetReference(a);
            var p = Vector256.Create(parameter);
            var lo = T.Apply(Vector256.LoadUnsafe(ref start, 0), p);
            var hi = T.Apply(Vector256.LoadUnsafe(ref start, 4), p);
            for (nuint i = 8; i < (nuint)whole; i += 8)
            {
                lo += T.Apply(Vector256.LoadUnsafe(ref start, i), p);
                hi += T.Apply(Vector256.LoadUnsafe(ref start, i + 4), p);
            }

            res = ((lo[0] + lo[1]) + (lo[2] + lo[3])) + ((hi[0] + hi[1]) + (hi[2] + hi[3]));
        }
        else
        {
            Span<double> r = stackalloc double[8];
            for (var j = 0; j < 8; j++)
            {
                r[j] = T.Apply(a[j], parameter);
            }

            for (var i = 8; i < whole; i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += T.Apply(a[i + j], parameter);
                }
            }

            res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        }

        for (var i = whole; i < n; i++)
        {
            res += T.Apply(a[i], parameter);
        }

        return res;
    }

    private interface ITermTransform
    {
        static abstract double Apply(double x, double parameter);

        static abstract Vector256<double> Apply(Vector256<double> x, Vector256<double> parameter);
    }

    private readonly struct Identity : ITermTransform
    {
        public static double Apply(double x, double parameter) => x;

        public static Vector256<double> Apply(Vector256<double> x, Vector256<double> parameter) => x;
    }

    private readonly struct Square : ITermTransform
    {
        public static double Apply(double x, double parameter) => x * x;

        public static Vector256<double> Apply(Vector256<double> x, Vector256<double> parameter) => x * x;
    }

    private readonly struct Absolute : ITermTransform
    {
        public static double Apply(double x, double parameter) => Math.Abs(x);

        public static Vector256<double> Apply(Vector256<double> x, Vector256<double> parameter) => Vector256.Abs(x);
    }

    private readonly struct SquaredDeviation : ITermTransform
    {
        public static double Apply(double x, double parameter)
        {
            var d = x - parameter;
            return d * d;
        }

        public static Vector256<double> Apply(Vector256<double> x, Vector256<double> parameter)
        {
            var d = x - parameter;
            return d * d;
        }
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// P6: <c>np.percentile(v, q)</c> with the default linear method: h = (N−1)·(q/100), lo = ⌊h⌋, t = h − lo, and
/// numpy's <c>_lerp</c> (a + (b−a)·t, or b − (b−a)·(1−t) when t ≥ 0.5). Uses selection, not a full sort.
/// </summary>
internal static class Percentile
{
    /// <summary>Bins of the histogram of <see cref="OfAbsolute(ReadOnlySpan{double}, double)"/>: the top 15 bits below the sign.</summary>
    private const int HistogramBins = 1 << 15;

    /// <summary>
    /// The q-th percentile of |values| without a copy of them, bit for bit the value of
    /// <see cref="OfAbsolute(ReadOnlySpan{double}, double, Span{double})"/>. The bit patterns of non-negative doubles sort
    /// like their values, so a histogram of their top bits (exponent and 4 mantissa bits: bins 1/16 of an octave wide)
    /// tells which bins hold the two order statistics the interpolation needs; only the values of those one or two bins
    /// are copied and selected among.
    /// </summary>
    public static double OfAbsolute(ReadOnlySpan<double> values, double q)
    {
        var n = values.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var virtualIndex = (n - 1) * (q / 100.0);
        var lo = Math.Clamp((int)Math.Floor(virtualIndex), 0, n - 1);
        var hi = Math.Min(lo + 1, n - 1);
        var gamma = virtualIndex - lo;

        // Four histograms filled side by side (value i into histogram i mod 4), so that neighbouring values of a smooth
        // signal, which fall in one bin, do not wait on each other's increments; then added into the first.
        var counts = ArrayPool<int>.Shared.Rent(4 * HistogramBins);
        double[]? rented = null;
        try
        {
            var all = counts.AsSpan(0, 4 * HistogramBins);
            all.Clear();
            ref var h = ref MemoryMarshal.GetReference(all);
            var i = 0;
            var nan = false;
            for (; i + 4 <= n; i += 4)
            {
                var a0 = Math.Abs(values[i]);
                var a1 = Math.Abs(values[i + 1]);
                var a2 = Math.Abs(values[i + 2]);
                var a3 = Math.Abs(values[i + 3]);
                nan |= double.IsNaN(a0) | double.IsNaN(a1) | double.IsNaN(a2) | double.IsNaN(a3);
                Unsafe.Add(ref h, Bin(a0))++;
                Unsafe.Add(ref h, HistogramBins + Bin(a1))++;
                Unsafe.Add(ref h, (2 * HistogramBins) + Bin(a2))++;
                Unsafe.Add(ref h, (3 * HistogramBins) + Bin(a3))++;
            }

            for (; i < n; i++)
            {
                var a = Math.Abs(values[i]);
                nan |= double.IsNaN(a);
                Unsafe.Add(ref h, Bin(a))++;
            }

            if (nan)
            {
                return double.NaN;
            }

            var histogram = all[..HistogramBins];
            for (var b = 0; b < HistogramBins; b++)
            {
                histogram[b] += all[HistogramBins + b] + all[(2 * HistogramBins) + b] + all[(3 * HistogramBins) + b];
            }

            // The bins of ranks lo and hi (the same bin, or hi's is the next non-empty one), and how many values lie below.
            var below = 0;
            var loBin = 0;
            while (below + histogram[loBin] <= lo)
            {
                below += histogram[loBin++];
            }

            var hiBin = loBin;
            var through = below + histogram[loBin];
            while (through <= hi)
            {
                through += histogram[++hiBin];
            }

            var count = through - below;
            rented = SignalBuffer.Rent(count);
            var work = rented.AsSpan(0, count);
            var filled = 0;
            foreach (var v in values)
            {
                var a = Math.Abs(v);
                var bin = Bin(a);
                if (bin >= loBin && bin <= hiBin)
                {
                    work[filled++] = a;
                }
            }

            // As OfInPlace on the whole copy: the lo-th smallest, then the smallest of the values above it.
            return SelectAndInterpolate(work, lo - below, hi > lo, gamma);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            if (rented is not null)
            {
                SignalBuffer.Return(rented);
            }
        }
    }

    /// <summary>The histogram bin of a non-negative double (not NaN): its bits without the sign, top 15 of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bin(double nonNegative) => (int)(BitConverter.DoubleToUInt64Bits(nonNegative) >> 48);

    /// <summary>numpy's <c>_lerp</c>.</summary>
    private static double Interpolate(double a, double b, double gamma)
    {
        var diff = b - a;
        return gamma >= 0.5 ? b - (diff * (1 - gamma)) : a + (diff * gamma);
    }

    /// <summary>The q-th percentile of |values| (the values are copied into <paramref name="scratch"/>, which is reordered).</summary>
    public static double OfAbsolute(ReadOnlySpan<double> values, double q, Span<double> scratch)
    {
        var n = values.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var work = scratch[..n];
        for (var i = 0; i < n; i++)
        {
            work[i] = Math.Abs(values[i]);
        }

        return OfInPlace(work, q);
    }

    /// <summary>The q-th percentile of <paramref name="work"/>, which is reordered.</summary>
    public static double OfInPlace(Span<double> work, double q)
    {
        var n = work.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var virtualIndex = (n - 1) * (q / 100.0);
        var lo = (int)Math.Floor(virtualIndex);
        lo = Math.Clamp(lo, 0, n - 1);
        var hi = Math.Min(lo + 1, n - 1);
        var gamma = virtualIndex - lo;
        if (work.Contains(double.NaN))
        {
            return double.NaN;
        }

        return SelectAndInterpolate(work, lo, hi > lo, gamma);
    }

    /// <summary>work[k] after selection, and (when <paramref name="withNext"/>) the smallest value after it, interpolated.</summary>
    private static double SelectAndInterpolate(Span<double> work, int k, bool withNext, double gamma)
    {
        Select(work, k);
        var a = work[k];
        var b = a;
        if (withNext)
        {
            b = double.PositiveInfinity;
            foreach (var v in work[(k + 1)..])
            {
                if (v < b)
                {
                    b = v;
                }
            }
        }

        return Interpolate(a, b, gamma);
    }

    /// <summary>Reorders <paramref name="work"/> so that work[k] is the k-th smallest, smaller ones before it, larger after (Hoare quickselect).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Select(Span<double> work, int k)
    {
        var left = 0;
        var right = work.Length - 1;
        while (right > left)
        {
            // Median of three as pivot.
            var mid = left + ((right - left) / 2);
            if (work[mid] < work[left])
            {
                (work[mid], work[left]) = (work[left], work[mid]);
            }

            if (work[right] < work[left])
            {
                (work[right], work[left]) = (work[left], work[right]);
            }

            if (work[right] < work[mid])
            {
                (work[right], work[mid]) = (work[mid], work[right]);
            }

            var pivot = work[mid];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (work[i] < pivot)
                {
                    i++;
                }

                while (work[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (work[i], work[j]) = (work[j], work[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return;
            }
        }
    }
}

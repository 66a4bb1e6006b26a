using System.Runtime.CompilerServices;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// P6: <c>np.percentile(v, q)</c> with the default linear method: h = (N−1)·(q/100), lo = ⌊h⌋, t = h − lo, and
/// numpy's <c>_lerp</c> (a + (b−a)·t, or b − (b−a)·(1−t) when t ≥ 0.5). Uses selection, not a full sort.
/// </summary>
internal static class Percentile
{
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

        Select(work, lo);
        var a = work[lo];
        var b = a;
        if (hi > lo)
        {
            b = double.PositiveInfinity;
            foreach (var v in work[(lo + 1)..])
            {
                if (v < b)
                {
                    b = v;
                }
            }
        }

        var diff = b - a;
        return gamma >= 0.5 ? b - (diff * (1 - gamma)) : a + (diff * gamma);
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

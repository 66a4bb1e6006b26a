using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>Means and standard deviations with numpy's semantics (pairwise sums; <c>np.std</c> with ddof 0 or 1).</summary>
internal static class Statistics
{
    /// <summary><c>np.mean(x)</c>; NaN for an empty span.</summary>
    public static double Mean(ReadOnlySpan<double> x) => PairwiseSum.Sum(x) / x.Length;

    /// <summary><c>np.std(x)</c>: sqrt(Σ(x − mean)² / N).</summary>
    public static double PopulationStd(ReadOnlySpan<double> x) => Std(x, 0);

    /// <summary><c>np.std(x)</c> given <c>np.mean(x)</c> (<see cref="Mean"/>): the same bits, one pass fewer.</summary>
    public static double PopulationStd(ReadOnlySpan<double> x, double mean) => Math.Sqrt(PairwiseSum.SumOfSquaredDeviations(x, mean) / x.Length);

    /// <summary>
    /// The smallest and largest value as a scan from x[0] that replaces only on a strictly smaller (larger) value finds
    /// them: NaN only when x[0] is, and of +0 and −0 the one met first. Four lanes at a time; a zero result is checked
    /// again by the scan, since lanes cannot tell which zero came first.
    /// </summary>
    public static (double Min, double Max) MinMax(ReadOnlySpan<double> x)
    {
        double min = x[0], max = x[0];
        var i = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            ref var start = ref MemoryMarshal.GetReference(x);
            var low = Vector256.Create(min);
            var high = low;
            for (; i + 4 <= x.Length; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                low = Vector256.ConditionalSelect(Vector256.LessThan(v, low), v, low);
                high = Vector256.ConditionalSelect(Vector256.GreaterThan(v, high), v, high);
            }

            for (var lane = 0; lane < 4; lane++)
            {
                min = low[lane] < min ? low[lane] : min;
                max = high[lane] > max ? high[lane] : max;
            }

            if (min == 0 || max == 0)
            {
                (min, max, i) = (x[0], x[0], 0);
            }
        }

        for (; i < x.Length; i++)
        {
            var v = x[i];
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        return (min, max);
    }

    /// <summary><c>np.std(x, ddof=1)</c>: sqrt(Σ(x − mean)² / (N − 1)).</summary>
    public static double SampleStd(ReadOnlySpan<double> x) => Std(x, 1);

    /// <summary>sqrt(mean(x²)); 0 for an empty span.</summary>
    public static double Rms(ReadOnlySpan<double> x) => x.IsEmpty ? 0.0 : Math.Sqrt(PairwiseSum.SumOfSquares(x) / x.Length);

    /// <summary>mean(|x|); 0 for an empty span.</summary>
    public static double MeanAbsolute(ReadOnlySpan<double> x) => x.IsEmpty ? 0.0 : PairwiseSum.SumOfAbsolute(x) / x.Length;

    private static double Std(ReadOnlySpan<double> x, int ddof)
    {
        var mean = PairwiseSum.Sum(x) / x.Length;
        var count = Math.Max(x.Length - ddof, 0);
        return Math.Sqrt(PairwiseSum.SumOfSquaredDeviations(x, mean) / count);
    }
}

namespace EmgSessions.Analysis.Numerics;

/// <summary>Means and standard deviations with numpy's semantics (pairwise sums; <c>np.std</c> with ddof 0 or 1).</summary>
internal static class Statistics
{
    /// <summary><c>np.mean(x)</c>; NaN for an empty span.</summary>
    public static double Mean(ReadOnlySpan<double> x) => PairwiseSum.Sum(x) / x.Length;

    /// <summary><c>np.std(x)</c>: sqrt(Σ(x − mean)² / N).</summary>
    public static double PopulationStd(ReadOnlySpan<double> x) => Std(x, 0);

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

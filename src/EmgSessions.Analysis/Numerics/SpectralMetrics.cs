namespace EmgSessions.Analysis.Numerics;

/// <summary>MPF, MDF and FI_nsm5 of one signal from its Welch PSD (§6 of emg-analysis.md); null where undefined.</summary>
internal readonly record struct SpectralMetrics(double? MeanFrequency, double? MedianFrequency, double? FatigueIndex)
{
    public static SpectralMetrics None => new(null, null, null);

    /// <summary>
    /// Spectral gate: N ≥ 256 and population std ≥ 1e-10, else all null. MPF = Σf·P/ΣP, MDF = first f where the
    /// cumulative power reaches half the total, FI = Σ_{k≥1} f⁻¹P / Σ_{k≥1} f⁵P (Dimitrov's nsm5, unnormalised).
    /// </summary>
    public static SpectralMetrics Compute(ReadOnlySpan<double> x, double samplingRate, ReadOnlySpan<double> frequencies) =>
        Compute(x, samplingRate, frequencies, new SpectralWorkspace());

    public static SpectralMetrics Compute(ReadOnlySpan<double> x, double samplingRate, ReadOnlySpan<double> frequencies, SpectralWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (!PassesGate(x))
        {
            return None;
        }

        Welch.Psd(x, samplingRate, workspace.Psd, workspace);
        return FromPsd(workspace.Psd, frequencies, workspace);
    }

    /// <summary>The spectral gate: N ≥ 256 and population std ≥ 1e-10 (NaN fails).</summary>
    public static bool PassesGate(ReadOnlySpan<double> x) => x.Length >= Welch.SegmentLength && Statistics.PopulationStd(x) >= 1e-10;

    /// <summary>As <see cref="PassesGate(ReadOnlySpan{double})"/> given the mean of <paramref name="x"/> (<see cref="Statistics.Mean"/>).</summary>
    public static bool PassesGate(ReadOnlySpan<double> x, double mean) => x.Length >= Welch.SegmentLength && Statistics.PopulationStd(x, mean) >= 1e-10;

    public static SpectralMetrics FromPsd(ReadOnlySpan<double> psd, ReadOnlySpan<double> frequencies, SpectralWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var bins = psd.Length;
        var work = workspace.Terms.AsSpan(0, bins);
        for (var k = 0; k < bins; k++)
        {
            work[k] = frequencies[k] * psd[k];
        }

        var total = PairwiseSum.Sum(psd);
        if (!(total > 0) || !double.IsFinite(total))
        {
            return None;
        }

        var mpf = PairwiseSum.Sum(work) / total;

        double? mdf = null;
        var half = total / 2;
        var cumulative = 0.0;
        for (var k = 0; k < bins; k++)
        {
            cumulative += psd[k];
            if (cumulative >= half)
            {
                mdf = frequencies[k];
                break;
            }
        }

        double? fi = null;
        if (bins > 1)
        {
            var upper = bins - 1;
            var numeratorTerms = work[..upper];
            var denominatorTerms = workspace.MoreTerms.AsSpan(0, upper);
            var (inverse, fifthPower) = workspace.Powers(frequencies[..bins]);
            for (var k = 1; k < bins; k++)
            {
                numeratorTerms[k - 1] = inverse[k] * psd[k];
                denominatorTerms[k - 1] = fifthPower[k] * psd[k];
            }

            var powerAboveDc = PairwiseSum.Sum(psd[1..]);
            var denominator = PairwiseSum.Sum(denominatorTerms);
            if (powerAboveDc > 0 && denominator != 0)
            {
                fi = PairwiseSum.Sum(numeratorTerms) / denominator;
            }
        }

        return new SpectralMetrics(mpf, mdf, fi);
    }
}

using EmgSessions.Analysis.Numerics;
using EmgSessions.Analysis.Pipeline;

namespace EmgSessions.Analysis.Tests.Pipeline;

/// <summary>T10 (§9.3): the synthetic signal end to end, with the spec's numbers (15 significant digits, so 1e-9 relative).</summary>
public sealed class SyntheticEndToEndTests
{
    private const double Tolerance = 1e-9;
    private static readonly double[] Signal = SyntheticSignals.T10();
    private static readonly ChannelAnalysis Channel = EmgAnalyzer.Analyze(SyntheticSignals.Recording(Signal)).Channel("CH1")!;

    [Fact]
    public void Computes_the_raw_metrics_of_T10()
    {
        Numbers.AssertClose(0.000523201657096253, Channel.Rms, Tolerance);
        Numbers.AssertClose(0.000376779586905977, Channel.Mav, Tolerance);
        Numbers.AssertClose(88.4824561471742, Channel.Mpf, Tolerance);
        Assert.Equal(82.03125, Channel.Mdf);
        Numbers.AssertClose(1.32394594615679e-12, Channel.FatigueIndexFiNsm5, Tolerance);
    }

    [Fact]
    public void Computes_the_temporal_statistics_of_T10_over_29_windows()
    {
        var rms = Channel.RmsTemporalStats!;
        Assert.Equal(29, rms.ValidWindows);
        Numbers.AssertClose(0.000460526711178666, rms.MeanValue, Tolerance);
        Numbers.AssertClose(0.000266572912611362, rms.StdValue, Tolerance);
        Numbers.AssertClose(0.000145250736938265, rms.MinValue, Tolerance);
        Numbers.AssertClose(0.000833944745959582, rms.MaxValue, Tolerance);
        Numbers.AssertClose(0.578843541841685, rms.CoefficientOfVariation, Tolerance);
        Numbers.AssertClose(0.000380680195941463, Channel.MavTemporalStats!.MeanValue, Tolerance);
        Numbers.AssertClose(0.000217321188275801, Channel.MavTemporalStats!.StdValue, Tolerance);
        var mpf = Channel.MpfTemporalStats!;
        Numbers.AssertClose(87.1029125995701, mpf.MeanValue, Tolerance);
        Numbers.AssertClose(1.6795970964339, mpf.StdValue, Tolerance);
        Numbers.AssertClose(84.3334644549914, mpf.MinValue, Tolerance);
        Numbers.AssertClose(88.8351378268191, mpf.MaxValue, Tolerance);
        var mdf = Channel.MdfTemporalStats!;
        Assert.Equal((82.03125, 0.0, 0.0), (mdf.MeanValue, mdf.StdValue, mdf.CoefficientOfVariation));
        var fi = Channel.FatigueIndexTemporalStats!;
        Numbers.AssertClose(1.79247611063288e-12, fi.MeanValue, Tolerance);
        Numbers.AssertClose(7.65240999164067e-13, fi.StdValue, Tolerance);
        Numbers.AssertClose(3.16441104511874e-13, fi.MinValue, Tolerance);
        Numbers.AssertClose(2.98582856453231e-12, fi.MaxValue, Tolerance);
    }

    [Fact]
    public void Builds_the_envelope_of_T10()
    {
        var envelope = new double[Signal.Length];
        var report = EnvelopeBuilder.Build(Signal, 1000, envelope);

        Assert.Equal(50, report.SmoothingWindowSamples);
        (int Index, double Value)[] expected =
        [
            (0, 7.97910736684319e-06), (1, 8.59125701489585e-06), (24, 2.53589022321212e-05), (25, 2.61343018567315e-05),
            (100, 3.28862015813819e-05), (1999, 0.000342845418794979), (2500, 0.000675063995045296), (6100, 0.00069243787002074),
            (7000, 0.000679756692925288), (11040, 0.000678162060824902), (14975, 3.32149269584718e-05), (14999, 1.71547503176751e-05),
        ];
        foreach (var (index, value) in expected)
        {
            Numbers.AssertClose(value, envelope[index], Tolerance);
        }

        Numbers.AssertClose(0.000707175548922835, envelope.Max(), Tolerance);
        Assert.Equal(12646, Array.IndexOf(envelope, envelope.Max()));
        Numbers.AssertClose(4.79588808837511e-06, envelope.Min(), Tolerance);
        Numbers.AssertClose(0.000266690720849636, Statistics.Mean(envelope), Tolerance);
        Numbers.AssertClose(0.000679859294565042, Percentile.OfAbsolute(envelope, 95, new double[envelope.Length]), Tolerance);
    }

    [Fact]
    public void Detects_the_four_contractions_of_T10_with_defaults()
    {
        (int Start, int End, double Ms, double Mean, double Max, bool Good)[] expected =
        [
            (1965, 4536, 2571, 0.00065914050772911, 0.000701629548188424, true),
            (5965, 8836, 2871, 0.000627616006904857, 0.000702712491017036, true),
            (10965, 11116, 151, 0.000376639553900764, 0.000678162060824902, false),
            (12465, 12738, 273, 0.000515506491567532, 0.000707175548922835, false),
        ];

        Assert.Equal(MvcThreshold.BackendEstimation, Channel.MvcEstimationMethod);
        Numbers.AssertClose(0.000509894470923782, Channel.MvcThresholdActualValue, Tolerance);
        Assert.Equal(expected.Length, Channel.Contractions.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var c = Channel.Contractions[i];
            Assert.Equal((expected[i].Start, expected[i].End, expected[i].Ms, expected[i].Good), (c.StartSample, c.EndSample, c.DurationMs, c.IsGood));
            Numbers.AssertClose(expected[i].Mean, c.MeanAmplitude, Tolerance);
            Numbers.AssertClose(expected[i].Max, c.MaxAmplitude, Tolerance);
        }

        Assert.Equal((1466.5, 5866.0), (Channel.AvgDurationMs, Channel.TotalTimeUnderTensionMs));
        Numbers.AssertClose(0.000544725640025566, Channel.AvgAmplitude, Tolerance);
        Numbers.AssertClose(0.000707175548922835, Channel.MaxAmplitude, Tolerance);
        Assert.Equal((2, 4, 2), (Channel.GoodContractionCount, Channel.MvcContractionCount, Channel.DurationContractionCount));
        Assert.Equal((151.0, 2871.0), (Channel.MinDurationMs, Channel.MaxDurationMs));
    }

    [Fact]
    public void Splits_the_second_contraction_of_T10_without_merging()
    {
        var envelope = new double[Signal.Length];
        EnvelopeBuilder.Build(Signal, 1000, envelope);

        var runs = ContractionDetector.FindRuns(envelope, 1000, new DetectionSettings(0.2, 100, 100, 0, 50));
        var withoutRefractory = ContractionDetector.FindRuns(envelope, 1000, new DetectionSettings(0.2, 100, 100, 200, 0));

        Assert.Equal([(1965, 4536), (5965, 6186), (6265, 8836), (10965, 11116), (12465, 12738)], runs);
        Assert.Equal([(1965, 4536), (5965, 8836), (10965, 11116), (12465, 12738)], withoutRefractory);
    }
}

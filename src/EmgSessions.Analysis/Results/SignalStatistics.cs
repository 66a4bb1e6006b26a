namespace EmgSessions.Analysis;

/// <summary>mean, population std, min, max and length of a signal (quality_metrics).</summary>
public sealed record SignalStatistics(double Mean, double Std, double Min, double Max, int Samples);

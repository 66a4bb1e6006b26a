namespace EmgSessions.Analysis.Numerics;

/// <summary>Transfer-function coefficients of a digital filter, a[0] = 1 (scipy's <c>(b, a)</c>).</summary>
internal sealed record IirCoefficients(double[] B, double[] A);

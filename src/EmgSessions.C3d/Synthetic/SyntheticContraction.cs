namespace EmgSessions.C3d.Synthetic;

/// <summary>
/// A contraction placed by the generator on the raw channel <c>{Channel} Raw</c> (base name "CH1" or "CH2"):
/// samples [<paramref name="StartSample"/>, <paramref name="EndSample"/>) at the analog rate, with a plateau RMS of
/// <paramref name="Amplitude"/> volts on top of the baseline noise.
/// </summary>
public sealed record SyntheticContraction(string Channel, long StartSample, long EndSample, double Amplitude)
{
    public long LengthSamples => EndSample - StartSample;
}

namespace EmgSessions.Core.Stores.People;

/// <summary>
/// A patient's targets per side (CH1 = left, CH2 = right by default): MVC at 75 % in volts and contraction duration in
/// milliseconds (the predecessor's <c>current_mvc75_ch*</c> and <c>current_target_ch*_ms</c>), contractions per session,
/// and the blood-flow-restriction pressure as a percentage of arterial occlusion. Null means "not set".
/// </summary>
internal sealed record PatientTargets(
    double? MvcCh1 = null,
    double? MvcCh2 = null,
    double? DurationCh1Ms = null,
    double? DurationCh2Ms = null,
    int? ContractionsCh1 = null,
    int? ContractionsCh2 = null,
    double? BfrPercent = null)
{
    public static PatientTargets None { get; } = new();

    /// <summary>What is wrong with these values, one message per field; empty when they can be stored.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new (string, double?)[]
        {
            ("mvc_ch1", MvcCh1), ("mvc_ch2", MvcCh2), ("duration_ch1_ms", DurationCh1Ms), ("duration_ch2_ms", DurationCh2Ms),
        })
        {
            if (value is { } v && (!double.IsFinite(v) || v <= 0))
            {
                yield return $"{name} must be a positive number (or left out).";
            }
        }

        if (ContractionsCh1 is <= 0)
        {
            yield return "contractions_ch1 must be a positive whole number (or left out).";
        }

        if (ContractionsCh2 is <= 0)
        {
            yield return "contractions_ch2 must be a positive whole number (or left out).";
        }

        if (BfrPercent is { } bfr && (!double.IsFinite(bfr) || bfr <= 0 || bfr > 100))
        {
            yield return "bfr_percent must be above 0 and at most 100 (or left out).";
        }
    }
}

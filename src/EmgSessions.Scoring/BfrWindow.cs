namespace EmgSessions.Scoring;

/// <summary>The blood-flow-restriction safety gate (scoring.md §2): a pressure is safe from 45 to 55 % AOP inclusive.</summary>
public static class BfrWindow
{
    public const double MinPressureAop = 45;

    public const double MaxPressureAop = 55;

    public static bool Contains(double pressureAop) => pressureAop is >= MinPressureAop and <= MaxPressureAop;

    /// <summary>True when every given pressure lies in the window (no pressure at all counts as compliant, C_BFR = 1).</summary>
    public static bool Compliant(params ReadOnlySpan<double?> pressures)
    {
        foreach (var pressure in pressures)
        {
            if (pressure is { } p && !Contains(p))
            {
                return false;
            }
        }

        return true;
    }
}

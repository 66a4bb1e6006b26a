namespace EmgSessions.C3d.Synthetic;

/// <summary>
/// The game's scoring inputs a synthetic recording carries in its <c>THERAPY</c> group (scoring.md §1): each non-null
/// value is written as one parameter (integers as INT, pressures as REAL), written as given, so out-of-range values
/// can be written too.
/// </summary>
public sealed record SyntheticTherapyParameters
{
    /// <summary><c>THERAPY:RPE</c> (Borg CR10, 0–10).</summary>
    public short? Rpe { get; init; }

    /// <summary><c>THERAPY:BFR_PRESSURE_AOP</c> (% of the arterial occlusion pressure, both sides).</summary>
    public float? BfrPressureAop { get; init; }

    /// <summary><c>THERAPY:BFR_PRESSURE_AOP_LEFT</c>.</summary>
    public float? BfrPressureAopLeft { get; init; }

    /// <summary><c>THERAPY:BFR_PRESSURE_AOP_RIGHT</c>.</summary>
    public float? BfrPressureAopRight { get; init; }

    /// <summary><c>THERAPY:TARGET_CONTRACTIONS_CH1</c> (expected contractions of the left side).</summary>
    public short? TargetContractionsCh1 { get; init; }

    /// <summary><c>THERAPY:TARGET_CONTRACTIONS_CH2</c> (expected contractions of the right side).</summary>
    public short? TargetContractionsCh2 { get; init; }

    /// <summary>The parameters to write, in a fixed order.</summary>
    public IEnumerable<C3dParameter> ToParameters()
    {
        if (Rpe is { } rpe)
        {
            yield return C3dParameter.FromInt16s(Group, "RPE", [rpe], []);
        }

        foreach (var (name, value) in new[] { ("BFR_PRESSURE_AOP", BfrPressureAop), ("BFR_PRESSURE_AOP_LEFT", BfrPressureAopLeft), ("BFR_PRESSURE_AOP_RIGHT", BfrPressureAopRight) })
        {
            if (value is { } pressure)
            {
                yield return C3dParameter.FromFloats(Group, name, [pressure], []);
            }
        }

        foreach (var (name, value) in new[] { ("TARGET_CONTRACTIONS_CH1", TargetContractionsCh1), ("TARGET_CONTRACTIONS_CH2", TargetContractionsCh2) })
        {
            if (value is { } target)
            {
                yield return C3dParameter.FromInt16s(Group, name, [target], []);
            }
        }
    }

    private const string Group = "THERAPY";
}

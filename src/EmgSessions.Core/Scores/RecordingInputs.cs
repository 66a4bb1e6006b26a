using System.Globalization;
using EmgSessions.Analysis;
using EmgSessions.C3d;

namespace EmgSessions.Core.Scores;

/// <summary>
/// The game's own scoring inputs, read from a recording's <c>THERAPY</c> group (else <c>INFO</c>, where some game
/// versions put them): <c>RPE</c> (integer 0–10), <c>BFR_PRESSURE_AOP</c> and per side <c>BFR_PRESSURE_AOP_LEFT</c> /
/// <c>BFR_PRESSURE_AOP_RIGHT</c> (% AOP, 0–100), <c>TARGET_CONTRACTIONS_CH1</c> / <c>TARGET_CONTRACTIONS_CH2</c> (expected
/// contractions of the left and right side, integers ≥ 1). A value of the wrong type or out of range is left out with a
/// warning: it never fails Phase 2.
/// </summary>
internal static class RecordingInputs
{
    /// <summary>The warning code of a parameter that was present but could not be used.</summary>
    public const string InvalidCode = "TherapyParameterInvalid";

    /// <summary>Who entered the values (<c>session_inputs.entered_by</c>).</summary>
    public const string EnteredBy = "recording";

    private static readonly string[] Groups = ["THERAPY", "INFO"];

    /// <summary>The inputs the recording carries (null when none), and a warning per malformed parameter.</summary>
    public static (SessionInputs? Inputs, IReadOnlyList<RecordingWarning> Warnings) Read(C3dParameters parameters, DateTimeOffset enteredAt)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var warnings = new List<RecordingWarning>();
        var inputs = new SessionInputs
        {
            Source = InputSources.Recording,
            EnteredBy = EnteredBy,
            EnteredAt = enteredAt,
            Rpe = Integer(parameters, "RPE", 0, 10, "an integer from 0 to 10 (Borg CR10)", warnings),
            BfrPressureAop = Real(parameters, "BFR_PRESSURE_AOP", warnings),
            BfrPressureAopLeft = Real(parameters, "BFR_PRESSURE_AOP_LEFT", warnings),
            BfrPressureAopRight = Real(parameters, "BFR_PRESSURE_AOP_RIGHT", warnings),
            TargetContractionsLeft = Integer(parameters, "TARGET_CONTRACTIONS_CH1", 1, 10_000, "an integer from 1 to 10000", warnings),
            TargetContractionsRight = Integer(parameters, "TARGET_CONTRACTIONS_CH2", 1, 10_000, "an integer from 1 to 10000", warnings),
        };
        return (inputs.IsEmpty ? null : inputs, warnings);
    }

    /// <summary>The warnings alone (the analysis adds them to the recording's).</summary>
    public static IReadOnlyList<RecordingWarning> Warnings(C3dParameters parameters) => Read(parameters, DateTimeOffset.UnixEpoch).Warnings;

    private static C3dParameter? Find(C3dParameters parameters, string name) =>
        Groups.Select(group => parameters.Find(group + ":" + name)).FirstOrDefault(p => p is not null);

    private static int? Integer(C3dParameters parameters, string name, int min, int max, string expected, List<RecordingWarning> warnings)
    {
        if (Find(parameters, name) is not { } parameter)
        {
            return null;
        }

        var value = Number(parameter);
        if (value is { } v && v == Math.Floor(v) && v >= min && v <= max)
        {
            return (int)v;
        }

        warnings.Add(Invalid(parameter, expected));
        return null;
    }

    private static double? Real(C3dParameters parameters, string name, List<RecordingWarning> warnings)
    {
        if (Find(parameters, name) is not { } parameter)
        {
            return null;
        }

        if (Number(parameter) is { } v && v >= 0 && v <= 100)
        {
            return v;
        }

        warnings.Add(Invalid(parameter, "a number from 0 to 100 (% of the arterial occlusion pressure)"));
        return null;
    }

    /// <summary>The single numeric value of a parameter; null for text, an empty array or a non-finite number.</summary>
    private static double? Number(C3dParameter parameter) =>
        parameter.Type is not C3dParameterType.Char && parameter.ElementCount >= 1 && parameter.GetNumber(0) is { } n && double.IsFinite(n) ? n : null;

    private static RecordingWarning Invalid(C3dParameter parameter, string expected) =>
        new(InvalidCode, string.Create(CultureInfo.InvariantCulture,
            $"{parameter.FullName} is {Describe(parameter)}; it must be {expected}. It was ignored: enter the value as a session input if it is known."));

    private static string Describe(C3dParameter parameter) => parameter.Type switch
    {
        C3dParameterType.Char => $"text \"{parameter.GetString()}\"",
        _ when parameter.ElementCount == 0 => "empty",
        _ => parameter.GetNumber(0) is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : "not a number",
    };
}

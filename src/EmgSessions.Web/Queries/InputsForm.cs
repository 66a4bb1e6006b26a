using System.Globalization;
using EmgSessions.Core.Scores;

namespace EmgSessions.Web.Queries;

/// <summary>
/// Reads the Session page's inputs form into a change of the session's inputs. Fields carry the API's names
/// (<c>rpe</c>, <c>game_points_achieved</c>, …) so that a message lands next to its field whether the form or the
/// scoring rules refused the value; <see cref="Form"/> is the key of a message about the form as a whole.
/// </summary>
internal static class InputsForm
{
    public const string Form = "form";
    public const string Rpe = "rpe";
    public const string GamePointsAchieved = "game_points_achieved";
    public const string GamePointsMax = "game_points_max";
    public const string BfrPressureAop = "bfr_pressure_aop";
    public const string BfrPressureAopLeft = "bfr_pressure_aop_left";
    public const string BfrPressureAopRight = "bfr_pressure_aop_right";

    /// <summary>The change (source and author are set by the application layer), or a message per field that could not be read.</summary>
    public static (SessionInputs? Change, Dictionary<string, string> Errors) Read(InputsFormValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var change = new SessionInputs
        {
            Source = InputSources.Therapist,
            Rpe = Integer(values.Rpe, Rpe, "RPE must be a whole number from 0 to 10 (Borg CR10)", errors),
            GamePointsAchieved = Integer(values.GamePointsAchieved, GamePointsAchieved, "Game points achieved must be a whole number, 0 or more", errors),
            GamePointsMax = Integer(values.GamePointsMax, GamePointsMax, "Game points maximum must be a whole number, 0 or more", errors),
            BfrPressureAop = Number(values.BfrPressureAop, BfrPressureAop, "BFR pressure", errors),
            BfrPressureAopLeft = Number(values.BfrPressureAopLeft, BfrPressureAopLeft, "BFR pressure (left)", errors),
            BfrPressureAopRight = Number(values.BfrPressureAopRight, BfrPressureAopRight, "BFR pressure (right)", errors),
            EnteredBy = "",
            EnteredAt = DateTimeOffset.UnixEpoch,
        };
        if (errors.Count == 0 && change.IsEmpty)
        {
            errors[Form] = "Nothing to save: enter an RPE, game points or a BFR pressure (an empty field keeps its stored value).";
        }

        return (errors.Count == 0 ? change : null, errors);
    }

    private static int? Integer(string? text, string field, string rule, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = $"{rule}; got '{Shown(text)}'.";
        return null;
    }

    private static double? Number(string? text, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors[field] = $"{label} must be a number, % of arterial occlusion pressure from 0 to 100; got '{Shown(text)}'.";
        return null;
    }

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

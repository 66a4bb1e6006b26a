using System.Text.Json;
using EmgSessions.Core.Scores;

namespace EmgSessions.Http;

/// <summary>The body of <c>PUT /api/sessions/{id}/inputs</c>, read field by field so that every error names its field.</summary>
internal static class InputsBody
{
    private static readonly string[] Known =
        ["rpe", "game_points_achieved", "game_points_max", "bfr_pressure_aop", "bfr_pressure_aop_left", "bfr_pressure_aop_right"];

    public static (SessionInputs? Change, Dictionary<string, string[]> Errors) Read(JsonElement body, string enteredBy)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object with any of: " + string.Join(", ", Known) + "."];
            return (null, errors);
        }

        foreach (var property in body.EnumerateObject().Where(p => !Known.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors[property.Name] = [$"{SessionEndpoints.Shown(property.Name)} is not an input; give any of: {string.Join(", ", Known)}."];
        }

        var change = new SessionInputs
        {
            Source = InputSources.Therapist,
            Rpe = Integer(body, "rpe", errors),
            GamePointsAchieved = Integer(body, "game_points_achieved", errors),
            GamePointsMax = Integer(body, "game_points_max", errors),
            BfrPressureAop = Number(body, "bfr_pressure_aop", errors),
            BfrPressureAopLeft = Number(body, "bfr_pressure_aop_left", errors),
            BfrPressureAopRight = Number(body, "bfr_pressure_aop_right", errors),
            EnteredBy = enteredBy,
            EnteredAt = DateTimeOffset.UtcNow,
        };
        return (errors.Count == 0 ? change : null, errors);
    }

    private static int? Integer(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var integer))
        {
            return integer;
        }

        errors[name] = [$"{name} must be a whole number (got {SessionEndpoints.Shown(value.GetRawText())})."];
        return null;
    }

    private static double? Number(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        errors[name] = [$"{name} must be a number, % of arterial occlusion pressure (got {SessionEndpoints.Shown(value.GetRawText())})."];
        return null;
    }
}

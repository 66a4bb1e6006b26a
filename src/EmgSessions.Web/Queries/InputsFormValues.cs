namespace EmgSessions.Web.Queries;

/// <summary>The Session page's inputs form as posted: each field's text (null or blank = not given, the stored value stays).</summary>
internal sealed record InputsFormValues(
    string? Rpe,
    string? GamePointsAchieved,
    string? GamePointsMax,
    string? BfrPressureAop,
    string? BfrPressureAopLeft,
    string? BfrPressureAopRight);

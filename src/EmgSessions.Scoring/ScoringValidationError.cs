namespace EmgSessions.Scoring;

/// <summary>One named problem with a configuration or an input: the field (snake_case, as the API names it) and what to do.</summary>
public sealed record ScoringValidationError(string Field, string Message);

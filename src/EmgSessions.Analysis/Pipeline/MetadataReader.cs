namespace EmgSessions.Analysis.Pipeline;

/// <summary>§4.4: the eight metadata values, each the parameter's first element as text; <c>level</c> defaults to "1" (K10, D2, F5).</summary>
internal static class MetadataReader
{
    public static GameMetadata Read(IReadOnlyDictionary<string, RecordingParameter> parameters) => new(
        Text(parameters, "INFO:GAME_NAME"),
        Text(parameters, "INFO:GAME_LEVEL") ?? "1",
        Text(parameters, "INFO:DURATION"),
        Text(parameters, "INFO:THERAPIST_ID"),
        Text(parameters, "INFO:GROUP_ID"),
        Text(parameters, "INFO:TIME"),
        Text(parameters, "SUBJECTS:PLAYER_NAME"),
        Text(parameters, "SUBJECTS:GAME_SCORE"));

    private static string? Text(IReadOnlyDictionary<string, RecordingParameter> parameters, string name) =>
        parameters.TryGetValue(name, out var parameter) && parameter is not null ? parameter.ToMetadataText() : null;
}

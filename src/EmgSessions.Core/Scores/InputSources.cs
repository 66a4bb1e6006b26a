namespace EmgSessions.Core.Scores;

/// <summary>Who gave a session's scoring inputs; for each input the first source that has it wins, in this order.</summary>
internal static class InputSources
{
    /// <summary>Entered by a person (the inputs API, <c>emgs inputs</c>).</summary>
    public const string Therapist = "therapist";

    /// <summary>The predecessor's <c>update-future-data</c> webhook.</summary>
    public const string LegacyWebhook = "legacy-webhook";

    /// <summary>Read from the recording's <c>THERAPY</c>/<c>INFO</c> groups at Phase 2.</summary>
    public const string Recording = "recording";

    /// <summary>The sources, highest priority first.</summary>
    public static IReadOnlyList<string> ByPriority { get; } = [Therapist, LegacyWebhook, Recording];
}

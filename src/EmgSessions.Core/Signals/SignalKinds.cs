namespace EmgSessions.Core.Signals;

/// <summary>The <c>kind</c> values of the signal endpoint.</summary>
internal static class SignalKinds
{
    public const string Raw = "raw";
    public const string Envelope = "envelope";
    public const string Activated = "activated";

    public static IReadOnlyList<string> All { get; } = [Raw, Envelope, Activated];
}

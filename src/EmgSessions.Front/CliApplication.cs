namespace EmgSessions.Cli;

/// <summary>
/// The exit codes of <c>emgs</c> for the verbs this front-end runs (the linked verb code names them through this class,
/// as in the full executable, whose <c>CliApplication</c> holds the same values; <c>FrontEndTests</c> compare them).
/// </summary>
internal static class CliApplication
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;
}

using EmgSessions.Cli;

namespace EmgSessions.LoadTesting;

/// <summary>The load test as a program of one command, parsed and reported like the verbs of <c>emgs</c>.</summary>
internal static class LoadTestProgram
{
    public const string Name = "emgs-loadtest";

    public static Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken) =>
        CliApplication.RunSingleAsync<LoadTestCommand>(Name, args, console, cancellationToken);
}

using EmgSessions.Cli;

namespace EmgSessions.Tests.Cli;

/// <summary>Runs an <c>emgs</c> verb in-process and captures its exit code and both output streams.</summary>
internal static class EmgsCli
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, CliConsole.ForTests(output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}

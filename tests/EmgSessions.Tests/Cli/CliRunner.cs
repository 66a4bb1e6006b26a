using EmgSessions.Cli;

namespace EmgSessions.Tests.Cli;

/// <summary>Runs a verb in-process and captures its exit code and output.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<(int Code, string Out, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, CliConsole.ForTests(output, error), cancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}

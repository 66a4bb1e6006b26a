using System.Diagnostics;
using EmgSessions.Cli;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Cli;

/// <summary>
/// The front-end of <c>./emgs</c> (<c>src/EmgSessions.Front</c>, Native AOT when published) prints exactly what the full
/// executable prints, byte for byte and with the same exit code: what it runs itself (the verb list, a plain
/// <c>analyze</c> or <c>inspect</c>) and what it hands to emgs.dll (everything else). These tests run its JIT build,
/// the same code the AOT compiler compiles; BENCHMARKS.md has the same comparison against the published executable.
/// </summary>
public sealed class FrontEndTests
{
    private static readonly string App = Path.Combine(AppContext.BaseDirectory, "emgs.dll");
    private static readonly string Front = Path.Combine(AppContext.BaseDirectory, "emgs-front.dll");
    private static readonly Lazy<bool> VerbListWritten = new(WriteVerbList);

    public static TheoryData<string[]> RunByTheFrontEnd => new()
    {
        Array.Empty<string>(),
        new[] { "--help" },
        new[] { "help" },
        new[] { "analyze", TestFiles.Sample(TestFiles.Ghostly0881), "--json" },
        new[] { "analyze", TestFiles.Sample(TestFiles.Ghostly0409) },
        new[] { "analyze", TestFiles.Sample(TestFiles.Ghostly0823), "--json", "--threshold-factor", "0.3", "--mvc", "CH1=0.0004", "--channels", "CH1" },
        new[] { "inspect", TestFiles.Sample(TestFiles.Ghostly0881), "--json" },
        new[] { "inspect", TestFiles.Sample(TestFiles.Ghostly0823) },
    };

    public static TheoryData<string[]> HandedToTheFullExecutable => new()
    {
        new[] { "analyze" },
        new[] { "analyze", TestFiles.Sample(TestFiles.Ghostly0881), "--bogus" },
        new[] { "analyze", TestFiles.Sample(TestFiles.Ghostly0881), "--threshold-factor" },
        new[] { "analyze", "--help" },
        new[] { "help", "inspect" },
        new[] { "--version" },
        new[] { "frobnicate" },
        new[] { "sessions", "--help" },
    };

    public static TheoryData<string[]> FailuresOfTheVerbs => new()
    {
        new[] { "analyze", "/nonexistent/recording.c3d", "--json" },
        new[] { "inspect", TestFiles.Shared },
        new[] { "analyze", TestFiles.Sample(TestFiles.Ghostly0881), "--threshold-factor", "abc" },
        new[] { "analyze", TestFiles.Sample(TestFiles.Ghostly0881), "--options-json", "/nonexistent/options.json" },
    };

    [Theory]
    [MemberData(nameof(RunByTheFrontEnd))]
    public async Task The_front_end_prints_what_emgs_prints_for_the_command_lines_it_runs_itself(string[] args) =>
        await AssertSameAsEmgsAsync(args);

    [Theory]
    [MemberData(nameof(HandedToTheFullExecutable))]
    public async Task Command_lines_the_front_end_does_not_run_reach_emgs_unchanged(string[] args) =>
        await AssertSameAsEmgsAsync(args);

    [Theory]
    [MemberData(nameof(FailuresOfTheVerbs))]
    public async Task A_failing_analyze_or_inspect_says_the_same_and_exits_with_the_same_code(string[] args)
    {
        var (code, _, error) = await AssertSameAsEmgsAsync(args);
        Assert.NotEqual(0, code);
        Assert.StartsWith("emgs ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_current_verb_list_the_front_end_hands_help_to_emgs()
    {
        var folder = Directory.CreateTempSubdirectory("emgs-front-");
        try
        {
            // A verb list older than emgs.dll is stale (a rebuild changed the verbs): the front-end does not print it.
            var app = Path.Combine(folder.FullName, "emgs.dll");
            var verbs = Path.Combine(folder.FullName, "verbs.txt");
            await File.WriteAllTextAsync(verbs, "stale list\n");
            File.Copy(App, app);
            File.SetLastWriteTimeUtc(verbs, File.GetLastWriteTimeUtc(app).AddMinutes(-1));

            var (code, output, error) = await RunFrontEndAsync(["--help"], app);

            // emgs.dll alone in a folder cannot start (its dependencies are not there): the hand-over happened.
            Assert.DoesNotContain("stale list", output, StringComparison.Ordinal);
            Assert.NotEqual(0, code);
            Assert.NotEmpty(error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Out, string Error)> AssertSameAsEmgsAsync(string[] args)
    {
        Assert.True(VerbListWritten.Value);
        var expected = await CliRunner.RunAsync(args);
        var actual = await RunFrontEndAsync(args, App);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Out, actual.Out);
        Assert.Equal(expected.Code, actual.Code);
        return actual;
    }

    /// <summary>What <c>./emgs</c> does after a build: the verb list beside emgs.dll, for the front-end to print.</summary>
    private static bool WriteVerbList()
    {
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "verbs.txt"), CliApplication.VerbList());
        return true;
    }

    private static async Task<(int Code, string Out, string Error)> RunFrontEndAsync(IReadOnlyList<string> args, string app)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Front);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["EMGS_APP"] = app;
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}

using EmgSessions.Cli;
using Spectre.Console.Cli;

namespace EmgSessions.Tests.Cli;

public sealed class CliApplicationTests
{
    [Fact]
    public void Every_verb_class_of_the_executable_is_in_the_hand_written_list()
    {
        // The list replaced an assembly scan at start-up; a new verb must be added to it by hand.
        var verbTypes = typeof(CliApplication).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(verbTypes, CliVerbs.All.Select(v => v.CommandType).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(
            ["analyze", "bench", "demo", "export", "ingest", "inputs", "inspect", "migrate", "patients", "progress", "scores", "serve", "sessions", "sync", "users", "worker"],
            CliVerbs.All.Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Help_lists_every_verb_with_its_summary()
    {
        var (code, output, error) = await EmgsCli.RunAsync("--help");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        Assert.All(CliVerbs.All, verb => Assert.Contains($"  {verb.Name}", output, StringComparison.Ordinal));
        Assert.Contains("Analyse the EMG channels of a C3D file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_of_a_verb_is_generated_from_its_settings_with_every_option_and_the_shared_store_options()
    {
        var analyze = await EmgsCli.RunAsync("help", "analyze");
        var sessions = await EmgsCli.RunAsync("sessions", "--help");

        Assert.Equal(CliApplication.Success, analyze.Code);
        Assert.Contains("emgs analyze [FILE] [OPTIONS]", analyze.Out, StringComparison.Ordinal);
        Assert.Contains("--threshold-factor <F>", analyze.Out, StringComparison.Ordinal);
        Assert.Contains("--mvc-percentages <CH=P>", analyze.Out, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Success, sessions.Code);
        Assert.Contains("--database <SPEC>", sessions.Out, StringComparison.Ordinal);
        Assert.Contains("--storage-key <KEY>", sessions.Out, StringComparison.Ordinal);
        Assert.Contains("--limit <N>", sessions.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string> VerbNames => [.. CliVerbs.All.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VerbNames))]
    public async Task Every_verb_prints_its_generated_help(string verb)
    {
        var (code, output, error) = await EmgsCli.RunAsync(verb, "--help");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        Assert.Contains($"emgs {verb} ", output, StringComparison.Ordinal);
        Assert.Contains("OPTIONS:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "analyze", "x.c3d", "--frobnicate" }, "emgs analyze: Unknown option 'frobnicate'.")]
    [InlineData(new[] { "inspect", "a.c3d", "b.c3d" }, "emgs inspect: Unexpected argument 'b.c3d'.")]
    [InlineData(new[] { "migrate", "--database" }, "emgs migrate: ")]
    [InlineData(new[] { "demo", "--count", "0" }, "emgs demo: --count must be an integer between 1 and 200.")]
    public async Task A_usage_error_exits_with_2_and_names_what_was_wrong(string[] args, string firstLine)
    {
        var (code, output, error) = await EmgsCli.RunAsync(args);

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Empty(output);
        var lines = error.TrimEnd().Split('\n');
        Assert.StartsWith(firstLine, lines[0], StringComparison.Ordinal);
        Assert.Equal($"Run 'emgs help {args[0]}' for its arguments and options.", lines[1].TrimEnd('\r'));
    }

    [Fact]
    public async Task An_unknown_verb_exits_with_2_and_points_to_the_list()
    {
        var (code, _, error) = await EmgsCli.RunAsync("frobnicate");

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Equal("emgs: unknown command 'frobnicate'. Run 'emgs help' for the list.", error.TrimEnd());
    }
}

using EmgSessions.Cli;
using EmgSessions.Testing;
using Spectre.Console.Cli;

namespace EmgSessions.Tests.Cli;

/// <summary>The start-up fast lane binds exactly what Spectre binds, and leaves everything else to Spectre.</summary>
public sealed class CliFastBinderTests
{
    [Fact]
    public async Task A_plain_command_line_binds_the_same_values_as_spectre()
    {
        string[] args = ["a.c3d", "--json", "--mvc", "CH1=0.001", "--threshold-factor", "0.3", "--mvc", "CH2=0.002", "--min-duration-ms", "-5"];

        var fast = CliFastBinder.TryBind<AnalyzeSettings>(args);
        var spectre = await SpectreBindAsync<AnalyzeSettings>(args);

        Assert.NotNull(fast);
        Assert.Equal("a.c3d", fast.File);
        Assert.True(fast.Json);
        Assert.Equal(["CH1=0.001", "CH2=0.002"], fast.Mvc);
        Assert.Equal("-5", fast.MinDurationMs);
        foreach (var property in typeof(AnalyzeSettings).GetProperties())
        {
            Assert.Equal(property.GetValue(spectre), property.GetValue(fast));
        }
    }

    [Theory]
    [InlineData("a.c3d", "--help")]
    [InlineData("a.c3d", "-h")]
    [InlineData("a.c3d", "--frobnicate")]
    [InlineData("a.c3d", "--threshold-factor=0.3")]
    [InlineData("a.c3d", "--threshold-factor")]
    [InlineData("a.c3d", "--threshold-factor", "--json")]
    [InlineData("a.c3d", "b.c3d")]
    [InlineData("--", "a.c3d")]
    public void Anything_but_a_plain_command_line_is_left_to_spectre(params string[] args)
    {
        Assert.Null(CliFastBinder.TryBind<AnalyzeSettings>(args));
    }

    [Fact]
    public async Task Analyze_prints_the_same_through_the_fast_lane_and_through_spectre()
    {
        var file = TestFiles.Sample(TestFiles.Ghostly0409);

        var fast = await EmgsCli.RunAsync("analyze", file, "--json", "--threshold-factor", "0.3");
        var spectre = await EmgsCli.RunAsync("analyze", "--threshold-factor=0.3", "--json", file);

        Assert.Equal(CliApplication.Success, fast.Code);
        Assert.Equal(CliApplication.Success, spectre.Code);
        Assert.Equal(spectre.Out, fast.Out);
        Assert.Equal(spectre.Error, fast.Error);
    }

    private static async Task<TSettings> SpectreBindAsync<TSettings>(string[] args)
        where TSettings : CommandSettings
    {
        var app = new CommandApp<CapturingCommand<TSettings>>();
        app.Configure(config => config.PropagateExceptions().UseStrictParsing());
        CapturingCommand<TSettings>.Captured = null;
        Assert.Equal(0, await app.RunAsync(args, CancellationToken.None));
        return CapturingCommand<TSettings>.Captured!;
    }

    private sealed class CapturingCommand<TSettings> : AsyncCommand<TSettings>
        where TSettings : CommandSettings
    {
        public static TSettings? Captured { get; set; }

        public override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
        {
            Captured = settings;
            return Task.FromResult(0);
        }
    }
}

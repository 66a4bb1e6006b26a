using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmgSessions.Cli;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

public sealed partial class HostVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-verbs-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Serve_refuses_a_public_address_without_keys_and_secret()
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--urls", "http://0.0.0.0:8080", "--data-dir", _dir);

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Contains("Refusing to listen on 'http://0.0.0.0:8080'", error, StringComparison.Ordinal);
        Assert.Contains("EMGS_API_KEYS and EMGS_WEBHOOK_SECRET", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--workers", "-1", "Workers:Count")]
    [InlineData("worker", "--database", "mysql://x", "Database:Connection")]
    [InlineData("worker", "--storage", "ftp://x", "Storage:Spec")]
    [InlineData("sessions", "--database", "sqlite:", "Database:Connection")]
    public async Task Invalid_configuration_is_named_in_one_clear_message(string verb, string option, string value, string named)
    {
        string[] args = verb == "sessions" ? [verb, "list", option, value, "--data-dir", _dir] : [verb, option, value, "--data-dir", _dir];

        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_answers_until_it_is_cancelled_and_then_exits_cleanly()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = CliApplication.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--workers", "1", "--data-dir", _dir], CliConsole.ForTests(output, error), cancel.Token);

        string? address = null;
        while (address is null && !run.IsCompleted)
        {
            await Task.Delay(50);
            address = ListeningPattern().Match(output.ToString()) is { Success: true } m ? m.Groups[1].Value : null;
        }

        Assert.NotNull(address);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var health = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        await cancel.CancelAsync();
        var code = await run;

        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.Equal(CliApplication.Success, code);
        Assert.Contains($"Dashboard: {address}/ (open Sessions", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_says_so_when_its_port_is_taken()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, error) = await CliRunner.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--workers", "0", "--data-dir", _dir);

        Assert.Equal(CliApplication.Failure, code);
        Assert.Contains("cannot listen", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_show_reports_unknown_and_malformed_ids()
    {
        var (unknown, _, unknownError) = await CliRunner.RunAsync("sessions", "show", Guid.NewGuid().ToString(), "--data-dir", _dir);
        var (malformed, _, malformedError) = await CliRunner.RunAsync("sessions", "show", "abc", "--data-dir", _dir);
        var (action, _, _) = await CliRunner.RunAsync("sessions", "frobnicate", "--data-dir", _dir);

        Assert.Equal(CliApplication.Failure, unknown);
        Assert.Contains("no session has id", unknownError, StringComparison.Ordinal);
        Assert.Equal(CliApplication.UsageError, malformed);
        Assert.Contains("not a session id", malformedError, StringComparison.Ordinal);
        Assert.Equal(CliApplication.UsageError, action);
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}

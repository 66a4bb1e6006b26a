using EmgSessions.Cli;
using EmgSessions.Testing;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Cli;

/// <summary>Every verb answers bad arguments with one clear line and an exit code, never a stack trace.</summary>
public sealed class ArgumentValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emgs-args-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string[], int, string> BadArguments => new()
    {
        { ["ingest", "SAMPLE", "--prefix", "../x"], CliApplication.UsageError, "--prefix '../x' cannot be a key prefix: the key contains a '.' or '..' segment" },
        { ["ingest", "SAMPLE", "--bucket", "a/b"], CliApplication.UsageError, "--bucket 'a/b' cannot be a bucket name: the bucket name contains '/'" },
        { ["ingest", "SAMPLE", "--workers", "many"], CliApplication.Failure, "Workers:Count" },
        { ["sessions", "show", "zz"], CliApplication.UsageError, "'zz' is not a session id or the start of one" },
        { ["sessions", "list", "--limit", "abc"], CliApplication.UsageError, "--limit" },
        { ["sessions", "list", "--from", "notadate"], CliApplication.UsageError, "--from must be a date" },
        { ["serve", "--workers", "-3", "--urls", "http://127.0.0.1:0"], CliApplication.UsageError, "Workers:Count must be between 0 and 1024" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_argument_ends_with_one_line_that_names_it_and_no_stack_trace(string[] args, int expectedCode, string expected)
    {
        var sample = Path.Combine(_dir, "a.c3d");
        File.Copy(TestFiles.Sample(TestFiles.Ghostly0409), sample, overwrite: true);
        string[] full = [.. args.Select(a => a == "SAMPLE" ? sample : a), "--data-dir", Path.Combine(_dir, "data")];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var (code, _, error) = await CliRunner.RunAsync(timeout.Token, full);

        Assert.Equal(expectedCode, code);
        var first = error.Split('\n')[0];
        Assert.StartsWith($"emgs {args[0]}: ", first, StringComparison.Ordinal);
        Assert.Contains(expected, first, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_failure_is_told_in_one_line_without_the_parameter_suffix()
    {
        var line = CliApplication.OneLine(new AggregateException(new ArgumentException("Invalid object key: the key is empty.\nsecond line", "key")));

        Assert.Equal("Invalid object key: the key is empty. second line", line);
    }
}

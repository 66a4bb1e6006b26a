using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task Json_output_lists_each_file_with_its_size_and_positive_timings()
    {
        var path = TestFiles.Sample(TestFiles.Ghostly0823);

        var (code, output, error) = await EmgsCli.RunAsync("bench", path, "--json", "--iterations", "2");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var file = Assert.Single(json.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal(["file", "bytes", "read_ms", "analyze_ms"], file.EnumerateObject().Select(p => p.Name));
        Assert.Equal(path, file.GetProperty("file").GetString());
        Assert.Equal(new FileInfo(path).Length, file.GetProperty("bytes").GetInt64());
        Assert.True(file.GetProperty("read_ms").GetDouble() > 0);
        Assert.True(file.GetProperty("analyze_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Cores_1_measures_on_one_core_and_gives_every_thread_its_cpus_back()
    {
        var before = CoreAffinity.Available();

        var (code, output, error) = await EmgsCli.RunAsync("bench", TestFiles.Sample(TestFiles.Ghostly0823), "--json", "--iterations", "1", "--cores", "1");

        Assert.Equal(CliApplication.Success, code);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("cores").GetInt32());
        Assert.True(Assert.Single(json.RootElement.GetProperty("files").EnumerateArray()).GetProperty("analyze_ms").GetDouble() > 0);
        Assert.Equal(before, CoreAffinity.Available());
    }

    [Fact]
    public async Task Cores_beyond_the_cpus_emgs_may_use_is_a_usage_error_that_names_the_limit()
    {
        var available = CoreAffinity.Available();

        var (code, _, error) = await EmgsCli.RunAsync("bench", TestFiles.Sample(TestFiles.Ghostly0823), "--cores", (available + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var zero = await EmgsCli.RunAsync("bench", TestFiles.Sample(TestFiles.Ghostly0823), "--cores", "0");

        Assert.Equal(CliApplication.UsageError, code);
        Assert.Contains($"--cores must be an integer between 1 and {available}", error, StringComparison.Ordinal);
        Assert.Equal(CliApplication.UsageError, zero.Code);
    }

    [Fact]
    public async Task A_bad_iteration_count_or_a_missing_file_fails()
    {
        var badCount = await EmgsCli.RunAsync("bench", TestFiles.Sample(TestFiles.Ghostly0823), "--iterations", "0");
        var missing = await EmgsCli.RunAsync("bench", "/nonexistent/file.c3d");

        Assert.Equal(CliApplication.UsageError, badCount.Code);
        Assert.Contains("--iterations needs a whole number", badCount.Error, StringComparison.Ordinal);
        Assert.Equal(CliApplication.Failure, missing.Code);
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
    }
}

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

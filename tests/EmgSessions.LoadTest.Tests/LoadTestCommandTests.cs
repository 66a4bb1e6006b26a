using System.Text.Json;
using EmgSessions.Cli;
using EmgSessions.LoadTesting;

namespace EmgSessions.LoadTest.Tests;

/// <summary>
/// <c>emgs-loadtest</c> in-process on a tiny corpus: it starts real serve children, reports measurements and exits 0
/// only when every session settled once.
/// </summary>
public sealed class LoadTestCommandTests
{
    [Fact]
    public async Task A_small_sqlite_run_reports_latency_throughput_memory_and_exactly_once()
    {
        var report = Path.Combine(Path.GetTempPath(), $"emgs-loadtest-{Guid.NewGuid():N}.json");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            var exitCode = await LoadTestProgram.RunAsync(
                ["--recordings", "6", "--rate", "30", "--duplicates", "0.5", "--workers", "2", "--min-mb", "0.2", "--max-mb", "0.4",
                 "--timeout", "120", "--json", "--out", report],
                CliConsole.ForTests(output, error), CancellationToken.None);

            Assert.True(exitCode == CliApplication.Success, output + "\n" + error);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            Assert.Equal(output.ToString().Trim(), json.RootElement.ToString().Trim(), ignoreLineEndingDifferences: true);
            var run = Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
            Assert.Equal("sqlite", run.GetProperty("database").GetString());
            Assert.Equal(6, run.GetProperty("completed").GetInt32());
            Assert.Equal(9, run.GetProperty("deliveries").GetInt32());
            Assert.Equal(3, run.GetProperty("duplicate_deliveries").GetInt32());
            Assert.Equal(9, run.GetProperty("webhook_statuses").GetProperty("200").GetInt32());
            Assert.Empty(run.GetProperty("problems").EnumerateArray());
            Assert.True(run.GetProperty("webhook_latency_ms").GetProperty("p99").GetDouble() > 0);
            Assert.True(run.GetProperty("sessions_completed_per_second").GetDouble() > 0);
            var process = Assert.Single(run.GetProperty("process_reports").EnumerateArray());
            Assert.InRange(process.GetProperty("peak_memory_mb").GetDouble(), 20, 4000);
            Assert.Equal(6, process.GetProperty("sessions_completed").GetInt32());
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Theory]
    [InlineData("--no-sqlite")]
    [InlineData("--rate", "0")]
    [InlineData("--workers", "2,x")]
    [InlineData("--env", "NOEQUALS")]
    [InlineData("extra")]
    public async Task Bad_arguments_are_a_usage_error_before_anything_starts(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await LoadTestProgram.RunAsync(arguments, CliConsole.ForTests(output, error), CancellationToken.None);

        Assert.Equal(CliApplication.UsageError, exitCode);
        Assert.False(string.IsNullOrWhiteSpace(error.ToString()));
    }

    [Fact]
    public void The_delivery_schedule_sends_every_file_once_plus_the_duplicates_after_their_original()
    {
        var schedule = WebhookFirer.Schedule(100, 0.2, seed: 3);

        Assert.Equal(120, schedule.Count);
        Assert.Equal(Enumerable.Range(0, 100), schedule.Where(s => !s.Duplicate).Select(s => s.File));
        for (var i = 0; i < schedule.Count; i++)
        {
            if (schedule[i].Duplicate)
            {
                var original = schedule.ToList().FindIndex(s => !s.Duplicate && s.File == schedule[i].File);
                Assert.True(original < i, $"duplicate at {i} comes before its original at {original}");
            }
        }
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var p = Percentiles.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal(50, p.P50);
        Assert.Equal(95, p.P95);
        Assert.Equal(99, p.P99);
        Assert.Equal(100, p.Max);
        Assert.Equal(50.5, p.Mean, 1e-9);
    }
}

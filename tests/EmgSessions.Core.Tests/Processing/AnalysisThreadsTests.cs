using System.Globalization;
using EmgSessions.Core.Sessions.Processing;

namespace EmgSessions.Core.Tests.Processing;

public sealed class AnalysisThreadsTests
{
    [Fact]
    public async Task Work_runs_on_a_dedicated_thread_below_the_priority_of_the_thread_pool()
    {
        using var threads = new AnalysisThreads(1, nice: 10);

        var (name, isPool, nice) = await threads.RunAsync(() => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread, CurrentNice()), CancellationToken.None);

        Assert.Equal("emgs-analysis-0", name);
        Assert.False(isPool);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(10, nice);
            Assert.Equal(0, CurrentNice());
        }
    }

    [Fact]
    public async Task At_most_count_items_run_at_once_and_every_result_comes_back()
    {
        using var threads = new AnalysisThreads(2);
        using var bothBusy = new CountdownEvent(2);
        var running = 0;
        var peak = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => threads.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (i < 2)
            {
                // The first two items wait for each other: both threads are certainly busy at once, however late a loaded
                // machine schedules the second one (a bounded wait: without a second thread the peak stays 1 and says so).
                bothBusy.Signal();
                bothBusy.Wait(TimeSpan.FromSeconds(60));
            }
            else
            {
                Thread.Sleep(10);
            }

            Interlocked.Decrement(ref running);
            return i * i;
        }, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * i), results);
        Assert.Equal(2, peak);
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_and_the_thread_keeps_serving()
    {
        using var threads = new AnalysisThreads(1);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => threads.RunAsync<int>(() => throw new InvalidOperationException("bad file"), CancellationToken.None));

        Assert.Equal("bad file", failure.Message);
        Assert.Equal(42, await threads.RunAsync(() => 42, CancellationToken.None));
    }

    [Fact]
    public async Task Work_cancelled_while_it_waits_is_not_started()
    {
        using var threads = new AnalysisThreads(1);
        using var gate = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        var blocker = threads.RunAsync(() => gate.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None);
        var started = false;

        var waiting = threads.RunAsync(() => started = true, cancel.Token);
        await cancel.CancelAsync();
        gate.Set();

        Assert.True(await blocker);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(started);
    }

    [Fact]
    public void A_count_below_one_or_a_nice_value_outside_0_to_19_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalysisThreads(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalysisThreads(1, nice: 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnalysisThreads(1, nice: -1));
    }

    /// <summary>The calling thread's nice value (field 19 of /proc/thread-self/stat); null off Linux.</summary>
    private static int? CurrentNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

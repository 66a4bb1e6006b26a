using System.Collections.Concurrent;
using System.Globalization;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// A few dedicated threads for the CPU-bound part of Phase 2 (reading the C3D file, the EMG analysis), shared
/// by every worker slot of the process: at most <see cref="Count"/> analyses run at once (by default one per
/// core), the slots wait for them without holding a thread-pool thread, and the threads run at a lower
/// priority (<see cref="Nice"/>), so that webhook requests preempt analyses instead of queueing behind them.
/// </summary>
public sealed class AnalysisThreads : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly BlockingCollection<Action> _completions = new();
    private readonly Thread[] _threads;
    private readonly Thread _relay;

    /// <param name="count">Threads to start (at least 1).</param>
    /// <param name="nice">
    /// The Linux nice value of the threads (0 = as the rest of the process, up to 19; elsewhere, above 0 means
    /// below-normal priority): above 0, request handling preempts the analyses, so they can use every core
    /// without delaying webhook answers.
    /// </param>
    public AnalysisThreads(int count, int nice = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nice);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        Nice = nice;
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Run)
            {
                IsBackground = true,
                Name = string.Create(CultureInfo.InvariantCulture, $"emgs-analysis-{i}"),
            };
            _threads[i].Start();
        }

        // Threads inherit the nice value of the thread that creates them, and completing a task may make the
        // thread pool start a worker: the tasks are completed here, at normal priority, never on a lowered thread.
        _relay = new Thread(Relay) { IsBackground = true, Name = "emgs-analysis-relay" };
        _relay.Start();
    }

    /// <summary>The requested nice value of the threads.</summary>
    public int Nice { get; }

    /// <summary>Analyses that can run at once.</summary>
    public int Count => _threads.Length;

    /// <summary>The default count: one per core.</summary>
    public static int DefaultCount => Environment.ProcessorCount;

    /// <summary>
    /// Runs <paramref name="work"/> on one of the threads when one is free. Its continuations run on the thread
    /// pool, never on an analysis thread. Work still waiting when <paramref name="cancellationToken"/> fires is
    /// not started.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _completions.Add(() => completion.TrySetCanceled(cancellationToken), CancellationToken.None);
                return;
            }

            Action complete;
            try
            {
                var result = work();
                complete = () => completion.TrySetResult(result);
            }
#pragma warning disable CA1031 // the exception belongs to the caller's task
            catch (Exception ex)
#pragma warning restore CA1031
            {
                complete = () => completion.TrySetException(ex);
            }

            _completions.Add(complete, CancellationToken.None);
        }, CancellationToken.None);
        return completion.Task;
    }

    /// <summary>Lets the threads finish the queued work and end.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        var ended = true;
        foreach (var thread in _threads)
        {
            ended &= thread.Join(TimeSpan.FromSeconds(5));
        }

        if (!ended)
        {
            return;
        }

        _completions.CompleteAdding();
        if (_relay.Join(TimeSpan.FromSeconds(5)))
        {
            _queue.Dispose();
            _completions.Dispose();
        }
    }

    private void Relay()
    {
        foreach (var complete in _completions.GetConsumingEnumerable())
        {
            complete();
        }
    }

    private void Run()
    {
        if (Nice > 0 && !ThreadNice.TryLowerCurrentThread(Nice))
        {
            // Honoured on Windows and macOS; Linux ignores it, hence the nice value above.
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }

        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }
}

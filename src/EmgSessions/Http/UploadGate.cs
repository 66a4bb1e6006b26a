namespace EmgSessions.Http;

/// <summary>
/// Bounds the analyses <c>POST /upload</c> runs at once (<c>Upload:MaxConcurrentAnalyses</c>, default the processor
/// count): each holds a whole recording and its analysis in memory, so beyond the bound a caller is told to come back
/// (429) before its body is read. When the last running analysis ends, the memory is handed back to the system.
/// </summary>
internal sealed class UploadGate(int slots) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, slots), Math.Max(1, slots));
    private int _running;

    public int Slots { get; } = Math.Max(1, slots);

    public bool TryEnter()
    {
        if (!_slots.Wait(0))
        {
            return false;
        }

        Interlocked.Increment(ref _running);
        return true;
    }

    public void Exit()
    {
        var left = Interlocked.Decrement(ref _running);
        _slots.Release();
        if (left == 0)
        {
            // The recordings and analyses of the last burst are garbage now: ask for a background full collection so the
            // memory goes back (the host's ConserveMemory setting decommits it). Not blocking and not compacting: a
            // blocking aggressive collection here would pause every request of the process (webhooks too) after each upload.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false, compacting: false);
        }
    }

    public void Dispose() => _slots.Dispose();
}

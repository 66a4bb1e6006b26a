namespace EmgSessions.Http;

/// <summary>
/// A write-only, forward-only wrapper for a response body: its <see cref="Position"/> is the number of bytes written
/// (the Parquet writer records offsets from it, which a response body cannot answer), and synchronous writes, which
/// Kestrel refuses, are held until the next asynchronous write, flush or dispose. The inner stream is left open.
/// </summary>
internal sealed class WriteCountingStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    /// <summary>The most bytes ever held from synchronous writes (for the memory figures of BENCHMARKS.md).</summary>
    public long PeakPendingBytes { get; private set; }

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("An export stream only moves forward.");
    }

    public override void Flush()
    {
        // Nothing to do synchronously: what is pending goes out with the next asynchronous call.
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("An export stream is write-only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("An export stream only moves forward.");

    public override void SetLength(long value) => throw new NotSupportedException("An export stream only moves forward.");

    public override void Write(byte[] buffer, int offset, int count)
    {
        _pending.Write(buffer, offset, count);
        _written += count;
        PeakPendingBytes = Math.Max(PeakPendingBytes, _pending.Length);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask DisposeAsync()
    {
        await SendPendingAsync(CancellationToken.None).ConfigureAwait(false);
        await _pending.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken).ConfigureAwait(false);
        _pending.SetLength(0);
    }
}

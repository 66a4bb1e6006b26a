namespace EmgSessions.Http;

/// <summary>
/// A write-only, forward-only wrapper whose <see cref="Position"/> is the number of bytes written: the Parquet writer
/// asks for the position to record its offsets, which a response body cannot answer. The inner stream is left open.
/// </summary>
internal sealed class WriteCountingStream(Stream inner) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("An export stream only moves forward.");
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("An export stream is write-only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("An export stream only moves forward.");

    public override void SetLength(long value) => throw new NotSupportedException("An export stream only moves forward.");

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        _written += count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}

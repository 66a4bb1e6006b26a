namespace EmgSessions.Core.Storage;

/// <summary>
/// The body of a Supabase download. Owns the response and the timeout; turns a broken connection,
/// a timeout or a short body into <see cref="StorageUnavailableException"/> so readers see only the
/// storage exceptions of <see cref="IObjectStorage"/>.
/// </summary>
internal sealed class SupabaseDownloadStream(
    Stream inner,
    HttpResponseMessage response,
    CancellationTokenSource timeout,
    long? expectedLength,
    CancellationToken callerToken,
    string what) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => expectedLength ?? throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int n;
        try
        {
            n = await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Supabase Storage timed out while sending {what}.", e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new StorageUnavailableException($"The download of {what} broke off: {e.Message}", e);
        }

        _read += n;
        if (n == 0 && buffer.Length > 0 && expectedLength is { } length && _read != length)
        {
            throw new StorageUnavailableException($"The download of {what} ended after {_read} of {length} bytes.");
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            response.Dispose();
            timeout.Dispose();
        }

        base.Dispose(disposing);
    }
}

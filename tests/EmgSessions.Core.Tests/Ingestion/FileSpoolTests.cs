using System.Security.Cryptography;
using EmgSessions.Core.Sessions.Ingestion;
using EmgSessions.Core.Tests.Storage;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Ingestion;

public sealed class FileSpoolTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Spools_a_real_sample_under_its_sha256()
    {
        var spool = new FileSpool(_dir.Combine("spool"));
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0823));
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var result = await spool.WriteAsync(new MemoryStream(bytes), 50L << 20, CancellationToken.None);

        Assert.Equal(new SpoolResult(expected, bytes.Length, TooLarge: false), result);
        Assert.True(spool.Contains(expected));
        await using var read = spool.TryOpen(expected)!;
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal([expected], Directory.GetFiles(spool.Directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Keeps_nothing_for_an_empty_stream()
    {
        var spool = new FileSpool(_dir.Combine("spool"));

        var result = await spool.WriteAsync(new MemoryStream(), 100, CancellationToken.None);

        Assert.True(result.IsEmpty);
        Assert.Null(result.Hash);
        Assert.Empty(Directory.GetFiles(spool.Directory));
    }

    [Fact]
    public async Task Stops_and_keeps_nothing_above_the_limit_and_keeps_a_file_at_the_limit()
    {
        var spool = new FileSpool(_dir.Combine("spool"));

        var above = await spool.WriteAsync(new MemoryStream(new byte[101]), 100, CancellationToken.None);
        Assert.True(above.TooLarge);
        Assert.Null(above.Hash);
        Assert.Empty(Directory.GetFiles(spool.Directory));

        var at = await spool.WriteAsync(new MemoryStream(new byte[100]), 100, CancellationToken.None);
        Assert.False(at.TooLarge);
        Assert.Equal(100, at.Length);
        Assert.True(spool.Contains(at.Hash!));
    }

    [Fact]
    public async Task A_source_that_breaks_leaves_no_file()
    {
        var spool = new FileSpool(_dir.Combine("spool"));

        await Assert.ThrowsAsync<IOException>(() => spool.WriteAsync(new BrokenStream(), 1_000_000, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(spool.Directory));
    }

    [Fact]
    public void Unknown_hashes_open_as_null_and_malformed_hashes_are_refused()
    {
        var spool = new FileSpool(_dir.Combine("spool"));

        Assert.Null(spool.TryOpen(new string('a', 64)));
        Assert.False(spool.Delete(new string('a', 64)));
        Assert.Throws<ArgumentException>(() => spool.TryOpen("../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => spool.PathOf(new string('A', 64)));
    }

    [Fact]
    public async Task Deletes_a_file_and_prunes_old_ones()
    {
        var spool = new FileSpool(_dir.Combine("spool"));
        var a = (await spool.WriteAsync(new MemoryStream([1]), 10, CancellationToken.None)).Hash!;
        var b = (await spool.WriteAsync(new MemoryStream([2]), 10, CancellationToken.None)).Hash!;
        File.SetLastWriteTimeUtc(spool.PathOf(b), DateTime.UtcNow.AddDays(-10));

        Assert.Equal(1, spool.DeleteOlderThan(DateTimeOffset.UtcNow.AddDays(-7)));
        Assert.True(spool.Contains(a));
        Assert.False(spool.Contains(b));
        Assert.True(spool.Delete(a));
        Assert.False(spool.Contains(a));
    }

    private sealed class BrokenStream : Stream
    {
        private int _calls;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            _calls++ == 0 ? count : throw new IOException("connection reset");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _calls++ == 0 ? ValueTask.FromResult(buffer.Length) : ValueTask.FromException<int>(new IOException("connection reset"));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

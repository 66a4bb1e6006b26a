using EmgSessions.Core.Storage;
using EmgSessions.Testing;

namespace EmgSessions.Core.Tests.Storage;

public sealed class LocalFolderStorageTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Stores_and_reads_a_real_sample_under_its_bucket_folder()
    {
        var storage = new LocalFolderStorage(_root.Path);
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0409));

        await storage.PutAsync("c3d-examples", "P005/session1/a.c3d", new MemoryStream(bytes), CancellationToken.None);
        await using var read = await storage.OpenReadAsync("c3d-examples", "P005/session1/a.c3d", CancellationToken.None);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.True(File.Exists(_root.Combine("c3d-examples", "P005", "session1", "a.c3d")));
        Assert.Equal("local", storage.Kind);
    }

    [Fact]
    public async Task Replaces_an_object_atomically_and_leaves_no_temporary_file()
    {
        var storage = new LocalFolderStorage(_root.Path);
        await storage.PutAsync("b", "k.c3d", new MemoryStream([1, 2]), CancellationToken.None);

        await storage.PutAsync("b", "k.c3d", new MemoryStream([3, 4, 5]), CancellationToken.None);

        Assert.Equal([3, 4, 5], await File.ReadAllBytesAsync(_root.Combine("b", "k.c3d")));
        Assert.Equal(["k.c3d"], Directory.GetFiles(_root.Combine("b")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_missing_object_or_bucket_is_not_found()
    {
        var storage = new LocalFolderStorage(_root.Path);

        await Assert.ThrowsAsync<StorageObjectNotFoundException>(() => storage.OpenReadAsync("b", "nope.c3d", CancellationToken.None));
        await Assert.ThrowsAsync<StorageObjectNotFoundException>(() => storage.OpenReadAsync("b", "dir/nope.c3d", CancellationToken.None));
    }

    [Fact]
    public async Task Lists_nested_objects_with_their_sizes_and_honours_the_prefix()
    {
        var storage = new LocalFolderStorage(_root.Path);
        await storage.PutAsync("b", "P001/s1/a.c3d", new MemoryStream(new byte[10]), CancellationToken.None);
        await storage.PutAsync("b", "P001/b.c3d", new MemoryStream(new byte[3]), CancellationToken.None);
        await storage.PutAsync("b", "P0011/c.c3d", new MemoryStream(new byte[1]), CancellationToken.None);
        await storage.PutAsync("other", "d.c3d", new MemoryStream(new byte[1]), CancellationToken.None);

        var all = await ToListAsync(storage.ListAsync("b", null, CancellationToken.None));
        var underP001 = await ToListAsync(storage.ListAsync("b", "P001", CancellationToken.None));
        var missingBucket = await ToListAsync(storage.ListAsync("nobody", null, CancellationToken.None));

        Assert.Equal(["P001/b.c3d", "P001/s1/a.c3d", "P0011/c.c3d"], all.Select(o => o.Key));
        Assert.Equal([3L, 10L, 1L], all.Select(o => o.Size!.Value));
        Assert.Equal(["P001/b.c3d", "P001/s1/a.c3d"], underP001.Select(o => o.Key));
        Assert.Empty(missingBucket);
    }

    [Theory]
    [InlineData("../outside.c3d")]
    [InlineData("a/../../outside.c3d")]
    [InlineData("/etc/passwd")]
    [InlineData("a/./b.c3d")]
    [InlineData("a//b.c3d")]
    [InlineData("a\\..\\b.c3d")]
    [InlineData("a/b\n.c3d")]
    [InlineData("a/b\u0000.c3d")]
    [InlineData("C:/x.c3d")]
    [InlineData("")]
    public async Task Refuses_keys_that_could_escape_the_root(string key)
    {
        var storage = new LocalFolderStorage(_root.Combine("root"));

        await Assert.ThrowsAsync<ArgumentException>(() => storage.PutAsync("b", key, new MemoryStream([1]), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync("b", key, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_root.Path, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task Refuses_bucket_names_that_are_not_one_safe_folder(string bucket)
    {
        var storage = new LocalFolderStorage(_root.Path);

        await Assert.ThrowsAsync<ArgumentException>(() => storage.OpenReadAsync(bucket, "x.c3d", CancellationToken.None));
    }

    [Fact]
    public async Task Ping_creates_the_root_when_needed()
    {
        var storage = new LocalFolderStorage(_root.Combine("fresh", "root"));

        Assert.True(await storage.PingAsync(CancellationToken.None));
        Assert.True(Directory.Exists(_root.Combine("fresh", "root")));
    }

    private static async Task<List<StorageObjectInfo>> ToListAsync(IAsyncEnumerable<StorageObjectInfo> items)
    {
        var list = new List<StorageObjectInfo>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task A_storage_failure_names_the_object_but_not_the_servers_folder()
    {
        // Given a file where the object's folder should be.
        var storage = new LocalFolderStorage(_root.Path);
        Directory.CreateDirectory(_root.Combine("b"));
        await File.WriteAllBytesAsync(_root.Combine("b", "P1"), [1]);

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => storage.PutAsync("b", "P1/x.c3d", new MemoryStream([1, 2]), CancellationToken.None));

        Assert.StartsWith("Cannot write b/P1/x.c3d: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_root.Path, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_with_a_segment_longer_than_a_file_name_is_invalid()
    {
        Assert.Null(ObjectKey.Validate("P1/" + new string('a', 251) + ".c3d"));
        Assert.Equal("a path segment of the key is longer than 255 bytes", ObjectKey.Validate("P1/" + new string('a', 300) + ".c3d"));
        Assert.Equal("a path segment of the key is longer than 255 bytes", ObjectKey.Validate("P1/" + new string('é', 128)));
    }
}

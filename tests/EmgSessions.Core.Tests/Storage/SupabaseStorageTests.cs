using System.Text;
using EmgSessions.Core.Storage;
using EmgSessions.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Tests.Storage;

public sealed class SupabaseStorageTests : IAsyncLifetime
{
    private FakeSupabaseServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeSupabaseServer.StartAsync();
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private SupabaseStorage Client(string key = FakeSupabaseServer.ServiceKey, TimeSpan? timeout = null, int pageSize = 1000) =>
        new(_http, _server.BaseUrl, key, timeout ?? TimeSpan.FromSeconds(10), pageSize, NullLogger<SupabaseStorage>.Instance);

    [Fact]
    public async Task Downloads_a_real_sample_byte_for_byte_with_the_service_key()
    {
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0881));
        _server.Put("c3d-examples", "P005/session1/" + TestFiles.Ghostly0881 + ".c3d", bytes);

        await using var stream = await Client().OpenReadAsync("c3d-examples", "P005/session1/" + TestFiles.Ghostly0881 + ".c3d", CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Percent_encodes_each_key_segment_and_keeps_the_slashes()
    {
        _server.Put("c3d-examples", "P 7/séance #1/a?b%.c3d", [1, 2, 3]);

        await using var stream = await Client().OpenReadAsync("c3d-examples", "P 7/séance #1/a?b%.c3d", CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal([1, 2, 3], copy.ToArray());
        Assert.Contains("/storage/v1/object/authenticated/c3d-examples/P%207/s%C3%A9ance%20%231/a%3Fb%25.c3d", _server.RawTargets);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_object_is_not_found_in_both_answer_styles(bool legacy)
    {
        _server.LegacyNotFound = legacy;

        var error = await Assert.ThrowsAsync<StorageObjectNotFoundException>(
            () => Client().OpenReadAsync("c3d-examples", "P001/missing.c3d", CancellationToken.None));

        Assert.Contains("P001/missing.c3d", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Rate_limits_and_server_errors_are_unavailable(int status)
    {
        _server.Put("c3d-examples", "a.c3d", [1]);
        _server.FailWith = status;

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Client().OpenReadAsync("c3d-examples", "a.c3d", CancellationToken.None));
        await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
        {
            await foreach (var unused in Client().ListAsync("c3d-examples", null, CancellationToken.None))
            {
            }
        });
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_unavailable()
    {
        _server.Put("c3d-examples", "a.c3d", [1]);
        _server.Delay = TimeSpan.FromSeconds(120); // far beyond the bound below: only the client's timeout can end the call in time
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<StorageUnavailableException>(
            () => Client(timeout: TimeSpan.FromMilliseconds(300)).OpenReadAsync("c3d-examples", "a.c3d", CancellationToken.None));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_cancelled_caller_gets_a_cancellation_not_an_outage()
    {
        _server.Put("c3d-examples", "a.c3d", [1]);
        _server.Delay = TimeSpan.FromSeconds(120); // the server never answers before the caller gives up
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Client().OpenReadAsync("c3d-examples", "a.c3d", cancel.Token));
    }

    [Fact]
    public async Task A_refused_service_key_is_unavailable_not_missing()
    {
        _server.Put("c3d-examples", "a.c3d", [1]);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => Client(key: "wrong").OpenReadAsync("c3d-examples", "a.c3d", CancellationToken.None));

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_unavailable()
    {
        var closed = new SupabaseStorage(_http, new Uri("http://127.0.0.1:1"), "k", TimeSpan.FromSeconds(5), 10, NullLogger<SupabaseStorage>.Instance);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => closed.OpenReadAsync("c3d-examples", "a.c3d", CancellationToken.None));
        Assert.False(await closed.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Lists_every_object_through_folders_and_pages()
    {
        // Given 7 objects in nested folders and a page size of 2, so every level needs several pages.
        var keys = new[] { "P001/s1/a.c3d", "P001/s1/b.c3d", "P001/s2/c.c3d", "P002/d.c3d", "e.c3d", "f.txt", "x/y/z/w.c3d" };
        foreach (var key in keys)
        {
            _server.Put("c3d-examples", key, Encoding.UTF8.GetBytes(key));
        }

        _server.Put("other-bucket", "g.c3d", [1]);

        var listed = new List<StorageObjectInfo>();
        await foreach (var info in Client(pageSize: 2).ListAsync("c3d-examples", null, CancellationToken.None))
        {
            listed.Add(info);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.All(listed, o => Assert.Equal(Encoding.UTF8.GetByteCount(o.Key), o.Size));
        Assert.All(listed, o => Assert.Equal("c3d-examples", o.Bucket));
        Assert.Contains(_server.ListRequests, r => r.GetProperty("offset").GetInt32() == 2 && r.GetProperty("limit").GetInt32() == 2);
        Assert.Contains(_server.ListRequests, r => r.GetProperty("prefix").GetString() == "P001/s1");
    }

    [Fact]
    public async Task Lists_under_a_prefix_only()
    {
        _server.Put("c3d-examples", "P001/a.c3d", [1]);
        _server.Put("c3d-examples", "P002/b.c3d", [1]);

        var listed = new List<string>();
        await foreach (var info in Client().ListAsync("c3d-examples", "P002/", CancellationToken.None))
        {
            listed.Add(info.Key);
        }

        Assert.Equal(["P002/b.c3d"], listed);
    }

    [Fact]
    public async Task Uploads_then_downloads_the_same_bytes()
    {
        var client = Client();
        await client.PutAsync("c3d-examples", "P009/new file.c3d", new MemoryStream([9, 8, 7]), CancellationToken.None);

        Assert.Equal([9, 8, 7], _server.Objects["c3d-examples/P009/new file.c3d"]);
        Assert.Contains("/storage/v1/object/c3d-examples/P009/new%20file.c3d", _server.RawTargets);
        Assert.True(await client.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Ping_is_false_while_the_server_fails()
    {
        _server.FailWith = 503;

        Assert.False(await Client().PingAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("../secret.c3d")]
    [InlineData("/etc/passwd")]
    [InlineData("a/\u0001.c3d")]
    public async Task Rejects_unsafe_keys_before_sending_anything(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().OpenReadAsync("c3d-examples", key, CancellationToken.None));

        Assert.Empty(_server.RawTargets);
    }
}

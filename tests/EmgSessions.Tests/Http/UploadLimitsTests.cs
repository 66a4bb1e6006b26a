using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Testing;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Http;

/// <summary><c>POST /upload</c>: one size limit, 413 with the limit, a bound on concurrent analyses (429 beyond it).</summary>
public sealed class UploadLimitsTests
{
    [Fact]
    public async Task An_upload_above_kestrels_default_body_limit_but_within_50_MiB_is_read_not_refused()
    {
        // Given 31 MB (Kestrel's own default stops at 30,000,000 bytes) that are not a C3D file.
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[31_000_000]), "file", "big.c3d" } };

        using var response = await server.Client.PostAsync("/upload", form);

        // Then the whole file was read and judged: not a C3D file (422), not a 500 or a 413.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Not a readable C3D file", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_upload_above_the_limit_is_a_413_that_states_the_limit()
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?>
        {
            ["Workers:Count"] = "0",
            ["Webhook:MaxFileSizeBytes"] = "1000000",
        });
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0881));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "x.c3d" } };

        using var response = await server.Client.PostAsync("/upload", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("limited to 1000000 bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_beyond_the_bound_of_concurrent_analyses_are_told_to_come_back_until_a_slot_frees()
    {
        // Given a server that runs one upload analysis at a time, busy with an upload whose body the test holds back.
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?>
        {
            ["Workers:Count"] = "0",
            ["Upload:MaxConcurrentAnalyses"] = "1",
        });
        var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0881));
        using var whole = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "held.c3d" } };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = await whole.ReadAsByteArrayAsync();
        var contentType = whole.Headers.ContentType!;
        var heldContents = new List<HeldBackContent>();
        Task<HttpResponseMessage> SendHeld()
        {
            var held = new HeldBackContent(body, contentType, release.Task);
            heldContents.Add(held);
            return server.Client.PostAsync("/upload", held);
        }

        var first = SendHeld();

        // When other uploads arrive while it holds the slot. Each quick request holds the slot for a moment too, so the
        // held one may arrive while a quick one has it and be told 429 itself: then it is sent again. Once it is in, it
        // keeps the slot (its body never completes before the test releases it); ask until the quick ones are refused,
        // bounded by a generous deadline for a busy machine.
        HttpStatusCode status = 0;
        string? retryAfter = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (status != HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            if (first.IsCompleted)
            {
                using (var refused = await first)
                {
                    Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                }

                first = SendHeld();
            }

            using var other = new MultipartFormDataContent { { new StringContent("P1"), "patient_id" } };
            using var answer = await server.Client.PostAsync("/upload", other);
            status = answer.StatusCode;
            retryAfter = answer.Headers.RetryAfter?.ToString();
            if (status != HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(20);
            }
        }

        // Then they are answered 429 with Retry-After; once the held upload completes, the next one is analysed.
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("2", retryAfter);
        release.SetResult();
        using (var done = await first)
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        heldContents.ForEach(content => content.Dispose());

        using var next = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "next.c3d" } };
        using var after = await server.Client.PostAsync("/upload", next);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>A request body that sends its first half, then waits for the test before sending the rest.</summary>
    private sealed class HeldBackContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly Task _release;

        public HeldBackContent(byte[] bytes, System.Net.Http.Headers.MediaTypeHeaderValue contentType, Task release)
        {
            _bytes = bytes;
            _release = release;
            Headers.ContentType = contentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            await _release;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}

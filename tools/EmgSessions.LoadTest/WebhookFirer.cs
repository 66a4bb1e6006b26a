using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EmgSessions.LoadTesting;

/// <summary>
/// Sends the Supabase storage webhooks of a corpus at a fixed rate, round-robin over the serve processes,
/// with duplicate deliveries mixed in (some right after the original, so they race it). Each delivery is
/// sent on time whatever the previous ones are doing (open-loop load), and timed from send to answer.
/// </summary>
internal sealed class WebhookFirer(HttpClient client, IReadOnlyList<Uri> servers)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>The schedule: every file once, plus <paramref name="duplicates"/> × count repeats of earlier files.</summary>
    public static IReadOnlyList<(int File, bool Duplicate)> Schedule(int count, double duplicates, int seed)
    {
        var random = new Random(seed);
        var schedule = new List<(int, bool)>();
        var extra = (int)Math.Round(count * duplicates);
        var duplicateAfter = Enumerable.Range(0, extra).Select(_ => random.Next(count)).Order().ToArray();
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            schedule.Add((i, false));
            while (next < duplicateAfter.Length && duplicateAfter[next] <= i)
            {
                // Half repeat the file just sent (a race with its first delivery), half an earlier one.
                schedule.Add((random.Next(2) == 0 ? i : random.Next(i + 1), true));
                next++;
            }
        }

        return schedule;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> FireAsync(
        IReadOnlyList<CorpusFile> files, IReadOnlyList<(int File, bool Duplicate)> schedule, double rate, CancellationToken cancellationToken)
    {
        var tasks = new Task<WebhookDelivery>[schedule.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < schedule.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            var (file, duplicate) = schedule[i];
            tasks[i] = SendAsync(servers[i % servers.Count], files[file], file, duplicate, cancellationToken);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>
    /// Warms the servers up before measuring (JIT, connection pool, first database and storage calls) with
    /// deliveries that create no session: a non-C3D key (ignored) and a C3D key that is not in storage.
    /// </summary>
    public async Task WarmUpAsync(int deliveries, CancellationToken cancellationToken)
    {
        for (var i = 0; i < deliveries; i++)
        {
            var key = i % 2 == 0 ? $"warmup/notes-{i}.txt" : $"warmup/missing-{i}.c3d";
            foreach (var server in servers)
            {
                using var content = new ByteArrayContent(Body(new CorpusFile(key, 1000)));
                content.Headers.ContentType = Json;
                using var response = await client.PostAsync(new Uri(server, "webhooks/storage/c3d-upload"), content, cancellationToken).ConfigureAwait(false);
                using var list = await client.GetAsync(new Uri(server, "api/sessions?limit=1"), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static byte[] Body(CorpusFile file) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
    {
        ["type"] = "INSERT",
        ["table"] = "objects",
        ["schema"] = "storage",
        ["record"] = new Dictionary<string, object?>
        {
            ["id"] = Guid.NewGuid(),
            ["bucket_id"] = RecordingCorpus.Bucket,
            ["name"] = file.Key,
            ["owner"] = null,
            ["created_at"] = DateTimeOffset.UtcNow,
            ["updated_at"] = DateTimeOffset.UtcNow,
            ["metadata"] = new Dictionary<string, object?> { ["size"] = file.Bytes, ["mimetype"] = "application/octet-stream" },
            ["path_tokens"] = file.Key.Split('/'),
        },
        ["old_record"] = null,
    });

    private async Task<WebhookDelivery> SendAsync(Uri server, CorpusFile file, int index, bool duplicate, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var sentAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        try
        {
            using var content = new ByteArrayContent(Body(file));
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(new Uri(server, "webhooks/storage/c3d-upload"), content, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            watch.Stop();
            Guid? id = null;
            string? error = null;
            try
            {
                using var answer = JsonDocument.Parse(text);
                if (answer.RootElement.TryGetProperty("processing_id", out var p) && p.TryGetGuid(out var g))
                {
                    id = g;
                }

                if (!response.IsSuccessStatusCode || !(answer.RootElement.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True))
                {
                    error = text.Length > 300 ? text[..300] : text;
                }
            }
            catch (JsonException)
            {
                error = text.Length > 300 ? text[..300] : text;
            }

            return new WebhookDelivery(index, duplicate, sentAt, watch.Elapsed.TotalMilliseconds, (int)response.StatusCode, id, error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new WebhookDelivery(index, duplicate, sentAt, watch.Elapsed.TotalMilliseconds, 0, null, e.Message);
        }
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;
using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Signals;

/// <summary>
/// <c>GET /api/sessions/{id}/signals/{channel}</c> over a real server on both databases, checked against the samples
/// of the 175 s recording read here independently: min and max per bucket, the edges, the binary form, and the
/// problems that name their parameter.
/// </summary>
public abstract class SignalEndpointTests(bool postgres) : IAsyncLifetime
{
    private const string Key = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";
    private const double Rate = 990;

    private static readonly byte[] Sample0881 = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881));
    private static readonly Lazy<float[][]> Channels = new(() =>
    {
        var emg = EmgRecordingFactory.FromC3d(C3dReader.Read(Sample0881));
        return [.. emg.Channels.Select(c => c.Select(v => (float)v).ToArray())];
    });

    private EndToEndDatabase _database = null!;
    private EndToEndServer _server = null!;
    private Guid _id;

    public async Task InitializeAsync()
    {
        _database = await EndToEndDatabase.CreateAsync(postgres);
        _server = await EndToEndServer.StartAsync(_database.Spec);
        await _server.PutAsync(Key, Sample0881);
        _id = (await _server.SendWebhookAsync(Key, Sample0881.Length)).GetProperty("processing_id").GetGuid();
        Assert.Equal(SessionStatus.Completed, (await _server.WaitForOutcomeAsync(_id))[^1]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Each_bucket_holds_the_minimum_and_maximum_of_its_samples()
    {
        var window = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{_id}/signals/CH1?from_s=10&to_s=20&points=100");

        // Samples 9900..19800 (both ends fall on samples): 9901 samples in buckets of ceil(9901/100) = 100.
        Assert.Equal("V", window.GetProperty("unit").GetString());
        Assert.Equal(Rate, window.GetProperty("fs").GetDouble());
        Assert.Equal(10.0, window.GetProperty("t0").GetDouble(), 1e-9);
        Assert.Equal(100 / Rate, window.GetProperty("dt").GetDouble(), 1e-12);
        var min = Floats(window.GetProperty("min"));
        var max = Floats(window.GetProperty("max"));
        Assert.Equal(100, min.Length);
        Assert.Equal(100, max.Length);
        var samples = Channels.Value[0];
        for (var j = 0; j < min.Length; j++)
        {
            var bucket = samples.AsSpan(9900 + (j * 100), Math.Min(100, 19801 - (9900 + (j * 100))));
            Assert.Equal(Min(bucket), min[j]);
            Assert.Equal(Max(bucket), max[j]);
        }

        Assert.False(window.TryGetProperty("samples", out _));
    }

    [Fact]
    public async Task The_whole_recording_in_2400_points_covers_every_sample_and_the_last_bucket_holds_the_rest()
    {
        var window = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{_id}/signals/CH2?points=2400");

        var samples = Channels.Value[1];
        Assert.Equal(173370, samples.Length);
        var bucket = (int)Math.Ceiling(173370 / 2400.0); // 73
        var min = Floats(window.GetProperty("min"));
        var max = Floats(window.GetProperty("max"));
        Assert.Equal((173370 + bucket - 1) / bucket, min.Length);
        Assert.Equal(0.0, window.GetProperty("t0").GetDouble());
        var last = samples.AsSpan((min.Length - 1) * bucket);
        Assert.Equal(Min(last), min[^1]);
        Assert.Equal(Max(last), max[^1]);
        Assert.Equal(Min(samples), min.Min());
        Assert.Equal(Max(samples), max.Max());
    }

    [Fact]
    public async Task A_window_with_fewer_than_two_samples_per_point_returns_the_samples_themselves_up_to_the_last()
    {
        // The last 0.1 s: 99 samples, asked for 60 points, so the samples themselves, ending with the recording's last.
        var from = (173370 - 99) / Rate;
        var url = string.Create(CultureInfo.InvariantCulture, $"/api/sessions/{_id}/signals/CH1?from_s={from:R}&to_s=999&points=60");
        var window = await _server.Client.GetFromJsonAsync<JsonElement>(url);

        var values = Floats(window.GetProperty("samples"));
        Assert.Equal(99, values.Length);
        Assert.Equal(Channels.Value[0].AsSpan(173370 - 99).ToArray(), values);
        Assert.Equal(1 / Rate, window.GetProperty("dt").GetDouble(), 1e-12);
        Assert.False(window.TryGetProperty("min", out _));
    }

    [Fact]
    public async Task The_binary_form_holds_the_same_values_as_the_json_form()
    {
        var json = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{_id}/signals/CH1?kind=envelope&from_s=30&to_s=90&points=1200");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{_id}/signals/CH1?kind=envelope&from_s=30&to_s=90&points=1200");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/octet-stream"));
        using var response = await _server.Client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(json.GetProperty("t0").GetDouble(), BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8)));
        Assert.Equal(json.GetProperty("dt").GetDouble(), BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(16)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)));
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(28));
        var min = Floats(json.GetProperty("min"));
        Assert.Equal(min.Length, count);
        Assert.Equal(32 + (8 * count), bytes.Length);
        for (var j = 0; j < count; j++)
        {
            Assert.Equal(min[j], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(32 + (4 * j))));
        }

        // kind=envelope is the envelope, not the raw signal of the same window.
        var raw = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{_id}/signals/CH1?from_s=30&to_s=90&points=1200");
        Assert.NotEqual(Floats(raw.GetProperty("min")), min);
    }

    [Fact]
    public async Task Two_channels_of_2400_points_for_the_whole_recording_weigh_less_than_50_KB_in_binary()
    {
        var total = 0;
        foreach (var channel in new[] { "CH1", "CH2" })
        {
            total += (await _server.Client.GetByteArrayAsync($"/api/sessions/{_id}/signals/{channel}?points=2400&format=f32")).Length;
        }

        Assert.True(total < 50_000, $"two channels weigh {total} bytes");
    }

    [Theory]
    [InlineData("from_s=-1", "from_s")]
    [InlineData("from_s=500", "from_s")]
    [InlineData("from_s=abc", "from_s")]
    [InlineData("from_s=20&to_s=10", "to_s")]
    [InlineData("from_s=20&to_s=20", "to_s")]
    [InlineData("points=0", "points")]
    [InlineData("points=100001", "points")]
    [InlineData("kind=emg", "kind")]
    [InlineData("format=csv", "format")]
    public async Task A_bad_window_is_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await _server.Client.GetAsync($"/api/sessions/{_id}/signals/CH1?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(parameter).EnumerateArray()).GetString()!;
        Assert.StartsWith(parameter + " must", message, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_channel_is_404_listing_the_channels_and_a_malformed_id_is_400()
    {
        using var unknown = await _server.Client.GetAsync($"/api/sessions/{_id}/signals/CH9");
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        using var malformed = await _server.Client.GetAsync("/api/sessions/not-a-uuid/signals/CH1");
        using var absent = await _server.Client.GetAsync($"/api/sessions/{Guid.NewGuid()}/signals/CH1");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("CH1,CH2", string.Join(",", problem.GetProperty("channels").EnumerateArray().Select(c => c.GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task The_summaries_are_stored_once_and_served_again_after_the_recording_is_gone()
    {
        await _server.Client.GetByteArrayAsync($"/api/sessions/{_id}/signals/CH1?points=10&format=f32");
        var stored = Directory.GetFiles(Path.Combine(_server.Root, "signals"), "*.ems");
        File.Delete(Path.Combine(_server.Root, "storage", EndToEndServer.Bucket, Key.Replace('/', Path.DirectorySeparatorChar)));
        foreach (var spooled in Directory.GetFiles(Path.Combine(_server.Root, "spool")))
        {
            File.Delete(spooled);
        }

        var again = await _server.Client.GetFromJsonAsync<JsonElement>($"/api/sessions/{_id}/signals/CH2?kind=activated&points=10");

        Assert.Single(stored);
        Assert.Equal(10, Floats(again.GetProperty("max")).Length);
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];

    private static float Min(ReadOnlySpan<float> values)
    {
        var m = float.PositiveInfinity;
        foreach (var v in values)
        {
            m = MathF.Min(m, v);
        }

        return m;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var m = float.NegativeInfinity;
        foreach (var v in values)
        {
            m = MathF.Max(m, v);
        }

        return m;
    }
}

public sealed class SqliteSignalEndpointTests() : SignalEndpointTests(postgres: false);

public sealed class PostgresSignalEndpointTests() : SignalEndpointTests(postgres: true);

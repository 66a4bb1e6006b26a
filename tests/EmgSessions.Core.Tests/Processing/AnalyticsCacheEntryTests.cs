using System.Text.Json;
using EmgSessions.Core.Caching;

namespace EmgSessions.Core.Tests.Processing;

public sealed class AnalyticsCacheEntryTests
{
    [Fact]
    public void Wraps_the_analysis_with_params_version_and_time_in_the_documented_keys()
    {
        const string result = """{"metadata": {"level": "1"}, "analytics": {"CH1": {"rms": 0.5}}, "available_channels": ["CH1 Raw"], "compat": {"available_channels": []}, "session_parameters_used": {"x": 1}}""";

        var json = AnalyticsCacheEntry.Build(result, "ghostly-v1/1", """{"b":2,"a":1}""", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(
            ["analytics", "metadata", "available_channels", "processing_params", "processing_version", "cached_at", "compat", "session_parameters_used"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(0.5, root.GetProperty("analytics").GetProperty("CH1").GetProperty("rms").GetDouble());
        Assert.Equal("1", root.GetProperty("metadata").GetProperty("level").GetString());
        Assert.Equal(2, root.GetProperty("processing_params").GetProperty("b").GetInt32());
        Assert.Equal("ghostly-v1/1", root.GetProperty("processing_version").GetString());
        Assert.Equal("2026-01-02T01:04:05.0000000Z", root.GetProperty("cached_at").GetString());
    }

    [Fact]
    public void Canonical_params_ignore_key_order_and_whitespace()
    {
        Assert.Equal(CanonicalJson.Normalize("""{ "b": [1, {"d":1,"c":2}], "a": null }"""), CanonicalJson.Normalize("""{"a":null,"b":[1,{"c":2,"d":1}]}"""));
        Assert.Equal("""{"a":null,"b":[1,{"c":2,"d":1}]}""", CanonicalJson.Normalize("""{ "b": [1, {"d":1,"c":2}], "a": null }"""));
    }

    [Fact]
    public void A_result_that_is_not_an_object_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => AnalyticsCacheEntry.Build("[1]", "v", "{}", DateTimeOffset.UnixEpoch));
    }
}

using EmgSessions.Core.Tests.Webhooks;
using EmgSessions.Core.Webhooks;

namespace EmgSessions.Core.Tests.Fuzzing;

/// <summary>Bodies the fuzzer found that once escaped the parser as exceptions; each must stay a verdict.</summary>
public sealed class WebhookFuzzRegressionTests
{
    // Finding 1 (seed 20260601, iteration 56): JsonElement.GetString throws InvalidOperationException on a
    // valid JSON string that escapes an unpaired surrogate, so the endpoint would have answered 500.
    [Theory]
    [InlineData("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples","name":"P005/\ud966.c3d"}}""", "record.name")]
    [InlineData("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d\udc00","name":"P005/a.c3d"}}""", "record.bucket_id")]
    [InlineData("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples","name":"P005/a.c3d","metadata":{"size":12,"mimetype":"x\uda73"}}}""", "record.metadata.mimetype")]
    [InlineData("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples","name":"P005/a.c3d","metadata":{"size":"1\ud800"}}}""", "record.metadata.size")]
    [InlineData("""{"type":"\ud800","table":"objects","schema":"storage","record":{}}""", "type")]
    [InlineData("""{"type":"INSERT","table":"objects","schema":"stor\udfffage","record":{}}""", "schema")]
    [InlineData("""{"eventType":"\udbff","bucket":"c3d-examples","objectName":"a.c3d"}""", "eventType")]
    [InlineData("""{"eventType":"ObjectCreated:Post","bucket":"c3d-examples","objectName":"a\ud83d.c3d"}""", "objectName")]
    [InlineData("""{"eventType":"ObjectCreated:Post","bucket":"c3d-examples","objectName":"a.c3d","timestamp":"\ude00"}""", "timestamp")]
    public void A_string_field_escaping_an_unpaired_surrogate_is_invalid_and_named(string json, string field)
    {
        var check = WebhookValidator.Validate(WebhookPayloads.Utf8(json), new WebhookOptions());

        Assert.Equal(WebhookVerdict.Invalid, check.Verdict);
        Assert.NotNull(check.Errors);
        Assert.Contains(field, check.Errors!.Keys);
    }

    [Fact]
    public void A_properly_paired_surrogate_escape_is_still_accepted()
    {
        var check = WebhookValidator.Validate(
            WebhookPayloads.Utf8("""{"eventType":"ObjectCreated:Post","bucket":"c3d-examples","objectName":"P005/\ud83d\ude00.c3d","objectSize":10}"""),
            new WebhookOptions());

        Assert.Equal(WebhookVerdict.Accepted, check.Verdict);
        Assert.Equal("P005/\U0001F600.c3d", check.Event!.Key);
    }

    // Finding 2 (seed 20260601, iteration 538): a property NAME escaping an unpaired surrogate makes
    // JsonElement.TryGetProperty throw InvalidOperationException while it compares names.
    [Theory]
    [InlineData("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples","name":"P5/a.c3d","\ud800":null}}""")]
    [InlineData("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"c3d-examples","name":"P5/a.c3d","metadata":{"\udbffx":1}}}""")]
    public void A_property_name_escaping_an_unpaired_surrogate_is_invalid_not_an_exception(string json)
    {
        var check = WebhookValidator.Validate(WebhookPayloads.Utf8(json), new WebhookOptions());

        Assert.Equal(WebhookVerdict.Invalid, check.Verdict);
        Assert.Contains("$", check.Errors!.Keys);
    }
}

using EmgSessions.Core.Webhooks;

namespace EmgSessions.Core.Tests.Webhooks;

public sealed class WebhookPayloadParserTests
{
    [Theory]
    [InlineData("INSERT")]
    [InlineData("UPDATE")]
    public void Reads_a_supabase_database_webhook_with_its_object_size(string type)
    {
        var check = WebhookPayloadParser.Parse(WebhookPayloads.Supabase(type, "c3d-examples", "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d", 123456));

        Assert.Equal(WebhookVerdict.Accepted, check.Verdict);
        Assert.Equal(
            new StorageEvent(WebhookPayloadFormat.SupabaseDatabase, type, "c3d-examples", "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d", 123456, "application/octet-stream"),
            check.Event);
    }

    [Fact]
    public void Ignores_unknown_fields_and_accepts_null_metadata()
    {
        var body = WebhookPayloads.Utf8("""
            {"type":"INSERT","table":"objects","schema":"storage","future_field":[1,2],
             "record":{"bucket_id":"c3d-examples","name":"P001/a.c3d","metadata":null,"brand_new":{"x":1}},"old_record":null}
            """);

        var check = WebhookPayloadParser.Parse(body);

        Assert.Equal(WebhookVerdict.Accepted, check.Verdict);
        Assert.Null(check.Event!.Size);
    }

    [Fact]
    public void Metadata_without_size_leaves_the_size_unknown()
    {
        var body = WebhookPayloads.Utf8("""{"type":"INSERT","table":"objects","schema":"storage","record":{"bucket_id":"b","name":"a.c3d","metadata":{"mimetype":"x"}}}""");

        Assert.Null(WebhookPayloadParser.Parse(body).Event!.Size);
    }

    [Fact]
    public void Ignores_a_delete_event()
    {
        var check = WebhookPayloadParser.Parse(WebhookPayloads.Supabase("DELETE", "c3d-examples", "P005/a.c3d"));

        Assert.Equal(WebhookVerdict.Ignored, check.Verdict);
        Assert.Equal("Ignoring event type: DELETE", check.Message);
    }

    [Fact]
    public void Ignores_an_unknown_supabase_event_type()
    {
        var check = WebhookPayloadParser.Parse(WebhookPayloads.Supabase("TRUNCATE", "c3d-examples", "a.c3d"));

        Assert.Equal(WebhookVerdict.Ignored, check.Verdict);
        Assert.Equal("Ignoring event type: TRUNCATE", check.Message);
    }

    [Theory]
    [InlineData("ObjectCreated:Post")]
    [InlineData("storage-object-uploaded")]
    [InlineData("storage-object-created")]
    public void Reads_every_legacy_create_event(string eventType)
    {
        var check = WebhookPayloadParser.Parse(WebhookPayloads.Legacy(eventType, "c3d-examples", "P002/s/x.c3d", 99));

        Assert.Equal(WebhookVerdict.Accepted, check.Verdict);
        Assert.Equal(new StorageEvent(WebhookPayloadFormat.Legacy, eventType, "c3d-examples", "P002/s/x.c3d", 99, "application/octet-stream"), check.Event);
    }

    [Fact]
    public void Ignores_a_legacy_delete_event()
    {
        var check = WebhookPayloadParser.Parse(WebhookPayloads.Legacy("ObjectRemoved:Delete", "c3d-examples", "a.c3d"));

        Assert.Equal(WebhookVerdict.Ignored, check.Verdict);
        Assert.Equal("Ignoring event type: ObjectRemoved:Delete", check.Message);
    }

    [Fact]
    public void Legacy_size_may_be_absent_or_a_numeric_string()
    {
        var absent = WebhookPayloadParser.Parse(WebhookPayloads.Utf8("""{"eventType":"ObjectCreated:Post","bucket":"b","objectName":"a.c3d"}"""));
        var quoted = WebhookPayloadParser.Parse(WebhookPayloads.Utf8("""{"eventType":"ObjectCreated:Post","bucket":"b","objectName":"a.c3d","objectSize":"42"}"""));

        Assert.Null(absent.Event!.Size);
        Assert.Equal(42, quoted.Event!.Size);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\": ")]
    [InlineData("")]
    public void A_body_that_is_not_json_is_reported_as_such(string body)
    {
        Assert.Equal(WebhookVerdict.NotJson, WebhookPayloadParser.Parse(WebhookPayloads.Utf8(body)).Verdict);
    }

    [Theory]
    [InlineData("[1,2]", "$")]
    [InlineData("\"text\"", "$")]
    [InlineData("{\"hello\":\"world\"}", "type")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"objects\",\"schema\":\"storage\"}", "record")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"objects\",\"schema\":\"storage\",\"record\":{\"name\":\"a.c3d\"}}", "record.bucket_id")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"objects\",\"schema\":\"storage\",\"record\":{\"bucket_id\":\"b\",\"name\":7}}", "record.name")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"objects\",\"schema\":\"storage\",\"record\":{\"bucket_id\":\"b\",\"name\":\"a.c3d\",\"metadata\":{\"size\":\"big\"}}}", "record.metadata.size")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"objects\",\"schema\":\"storage\",\"record\":{\"bucket_id\":\"b\",\"name\":\"a.c3d\",\"metadata\":{\"size\":-1}}}", "record.metadata.size")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"objects\",\"schema\":\"storage\",\"record\":{\"bucket_id\":\"b\",\"name\":\"a.c3d\",\"metadata\":5}}", "record.metadata")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"users\",\"schema\":\"storage\",\"record\":{}}", "table")]
    [InlineData("{\"type\":\"INSERT\",\"table\":\"objects\",\"schema\":\"public\",\"record\":{}}", "schema")]
    [InlineData("{\"type\":5,\"table\":\"objects\",\"schema\":\"storage\"}", "type")]
    [InlineData("{\"eventType\":\"ObjectCreated:Post\",\"objectName\":\"a.c3d\"}", "bucket")]
    [InlineData("{\"eventType\":\"ObjectCreated:Post\",\"bucket\":\"b\"}", "objectName")]
    [InlineData("{\"eventType\":\"ObjectCreated:Post\",\"bucket\":\"b\",\"objectName\":\"a.c3d\",\"objectSize\":1.5}", "objectSize")]
    [InlineData("{\"eventType\":\"ObjectCreated:Post\",\"bucket\":\"b\",\"objectName\":\"a.c3d\",\"contentType\":1}", "contentType")]
    [InlineData("{\"eventType\":null}", "eventType")]
    public void Names_the_missing_or_ill_typed_field(string body, string field)
    {
        var check = WebhookPayloadParser.Parse(WebhookPayloads.Utf8(body));

        Assert.Equal(WebhookVerdict.Invalid, check.Verdict);
        Assert.Contains(field, check.Errors!.Keys);
    }
}

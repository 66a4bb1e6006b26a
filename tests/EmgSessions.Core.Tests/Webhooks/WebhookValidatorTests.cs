using EmgSessions.Core.Webhooks;

namespace EmgSessions.Core.Tests.Webhooks;

public sealed class WebhookValidatorTests
{
    private readonly WebhookOptions _options = new() { MaxFileSizeBytes = 1000 };

    [Fact]
    public void Accepts_a_c3d_upload_to_the_configured_bucket()
    {
        var check = WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/s1/A.C3D", 1000), _options);

        Assert.Equal(WebhookVerdict.Accepted, check.Verdict);
        Assert.Equal("P005/s1/A.C3D", check.Event!.Key);
    }

    [Fact]
    public void Ignores_a_file_that_is_not_c3d()
    {
        var check = WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/notes.txt"), _options);

        Assert.Equal(WebhookVerdict.Ignored, check.Verdict);
        Assert.Equal("Ignoring non-C3D file: P005/notes.txt", check.Message);
    }

    [Fact]
    public void Rejects_a_bucket_that_is_not_configured()
    {
        var check = WebhookValidator.Validate(WebhookPayloads.Legacy("ObjectCreated:Post", "avatars", "P005/a.c3d"), _options);

        Assert.Equal(WebhookVerdict.Rejected, check.Verdict);
        Assert.Equal("Invalid bucket: avatars", check.Message);
    }

    [Fact]
    public void Accepts_any_of_several_configured_buckets()
    {
        var options = new WebhookOptions { AcceptedBuckets = ["c3d-examples", "clinic-b"] };

        Assert.Equal(WebhookVerdict.Accepted, WebhookValidator.Validate(WebhookPayloads.Legacy("ObjectCreated:Post", "clinic-b", "a.c3d"), options).Verdict);
    }

    [Fact]
    public void Rejects_an_empty_file()
    {
        var check = WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/a.c3d", 0), _options);

        Assert.Equal(WebhookVerdict.Rejected, check.Verdict);
        Assert.StartsWith("Empty file", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_file_above_the_limit_and_accepts_one_at_the_limit()
    {
        var above = WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/a.c3d", 1001), _options);
        var at = WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/a.c3d", 1000), _options);

        Assert.Equal(WebhookVerdict.Rejected, above.Verdict);
        Assert.Contains("1001 bytes", above.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookVerdict.Accepted, at.Verdict);
    }

    [Fact]
    public void The_default_limit_is_fifty_mebibytes()
    {
        var options = new WebhookOptions();

        Assert.Equal(WebhookVerdict.Rejected, WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", "a.c3d", (50L << 20) + 1), options).Verdict);
        Assert.Equal(WebhookVerdict.Accepted, WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", "a.c3d", 50L << 20), options).Verdict);
    }

    [Theory]
    [InlineData("../../etc/x.c3d")]
    [InlineData("/abs/x.c3d")]
    [InlineData("P005/\u0007bell.c3d")]
    [InlineData("P005//x.c3d")]
    [InlineData("P005\\..\\x.c3d")]
    public void Refuses_an_unsafe_key_naming_the_field(string key)
    {
        var supabase = WebhookValidator.Validate(WebhookPayloads.Supabase("INSERT", "c3d-examples", key), _options);
        var legacy = WebhookValidator.Validate(WebhookPayloads.Legacy("ObjectCreated:Post", "c3d-examples", key), _options);

        Assert.Equal(WebhookVerdict.Invalid, supabase.Verdict);
        Assert.Contains("record.name", supabase.Errors!.Keys);
        Assert.Equal(WebhookVerdict.Invalid, legacy.Verdict);
        Assert.Contains("objectName", legacy.Errors!.Keys);
    }

    [Fact]
    public void Delete_is_ignored_before_anything_else_is_checked()
    {
        var check = WebhookValidator.Validate(WebhookPayloads.Supabase("DELETE", "avatars", "../x.txt"), _options);

        Assert.Equal(WebhookVerdict.Ignored, check.Verdict);
    }

    [Fact]
    public void Not_json_stays_not_json()
    {
        Assert.Equal(WebhookVerdict.NotJson, WebhookValidator.Validate(WebhookPayloads.Utf8("<xml/>"), _options).Verdict);
    }

    [Fact]
    public void Options_validation_names_each_problem()
    {
        var options = new WebhookOptions { AcceptedBuckets = [], MaxFileSizeBytes = 0, SessionTimeZone = "Mars/Olympus", Secret = "whsec_!!!" };

        var problems = options.Check();

        Assert.Equal(4, problems.Count);
        Assert.Empty(new WebhookOptions().Check());
    }
}

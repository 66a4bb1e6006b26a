using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Webhooks;

public sealed class WebhookAuthenticatorTests
{
    private const string Secret = "s3cret-shared-with-supabase";
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 11, 46, 30, TimeSpan.Zero);
    private static readonly byte[] Body = WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/a.c3d");

    private readonly ManualTimeProvider _clock = new(Now);
    private readonly WebhookReplayCache _replays = new();

    private WebhookAuthenticator Authenticator(string? secret = Secret) =>
        new(Options.Create(new WebhookOptions { Secret = secret }), _replays, _clock);

    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    [Fact]
    public void No_configured_secret_is_reported_so_the_endpoint_can_insist_on_loopback()
    {
        Assert.Equal(WebhookAuthOutcome.NoSecretConfigured, Authenticator(secret: null).Authenticate(Headers(), Body));
        Assert.Equal(WebhookAuthOutcome.NoSecretConfigured, Authenticator(secret: "").Authenticate(Headers(("Authorization", "Bearer x")), Body));
    }

    [Fact]
    public void No_credential_is_missing()
    {
        Assert.Equal(WebhookAuthOutcome.Missing, Authenticator().Authenticate(Headers(("Content-Type", "application/json")), Body));
    }

    // ---- static headers ----

    [Fact]
    public void A_bearer_token_equal_to_the_secret_authenticates()
    {
        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(("Authorization", "Bearer " + Secret)), Body));
        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(("Authorization", "bearer " + Secret)), Body));
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer " + Secret + "x")]
    [InlineData("Bearer s3cret")]
    [InlineData("Basic " + Secret)]
    public void A_wrong_bearer_token_is_invalid(string authorization)
    {
        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(("Authorization", authorization)), Body));
    }

    [Fact]
    public void The_secret_header_authenticates_and_a_wrong_one_is_invalid()
    {
        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(("X-Webhook-Secret", Secret)), Body));
        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(("X-Webhook-Secret", "nope")), Body));
    }

    // ---- the predecessor's hex HMAC ----

    private static string HexSignature(byte[] body, string secret = Secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    [Fact]
    public void A_hex_hmac_of_the_body_authenticates_with_or_without_its_prefix()
    {
        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(("X-Webhook-Signature", HexSignature(Body))), Body));
        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(("X-Webhook-Signature", "sha256=" + HexSignature(Body))), Body));
        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(("X-Webhook-Signature", HexSignature(Body).ToUpperInvariant())), Body));
    }

    [Fact]
    public void A_hex_hmac_of_another_body_or_key_is_invalid()
    {
        var tampered = Body.ToArray();
        tampered[^2] ^= 1;

        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(("X-Webhook-Signature", HexSignature(Body))), tampered));
        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(("X-Webhook-Signature", HexSignature(Body, "other"))), Body));
        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(("X-Webhook-Signature", "sha256=zz")), Body));
    }

    // ---- Standard Webhooks ----

    private static (string Name, string Value)[] StandardHeaders(string id, DateTimeOffset sentAt, byte[] body, byte[] key)
    {
        var timestamp = sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(id + "." + timestamp + ".").Concat(body).ToArray();
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", "v1," + signature)];
    }

    [Fact]
    public void A_standard_webhook_signed_with_the_raw_secret_authenticates()
    {
        var headers = StandardHeaders("msg_1", Now.AddSeconds(-30), Body, Encoding.UTF8.GetBytes(Secret));

        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(headers), Body));
    }

    [Fact]
    public void A_whsec_secret_signs_with_its_decoded_key()
    {
        var key = RandomNumberGenerator.GetBytes(24);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var headers = StandardHeaders("msg_2", Now, Body, key);

        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator(secret).Authenticate(Headers(headers), Body));
        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator(secret).Authenticate(Headers(StandardHeaders("msg_3", Now, Body, Encoding.UTF8.GetBytes(secret))), Body));
    }

    [Fact]
    public void Any_of_several_signatures_may_match_as_during_key_rotation()
    {
        var good = StandardHeaders("msg_4", Now, Body, Encoding.UTF8.GetBytes(Secret));
        var other = StandardHeaders("msg_4", Now, Body, Encoding.UTF8.GetBytes("old-secret"));
        var both = good.Select(h => h.Name == "webhook-signature" ? (h.Name, other[2].Value + " v2,abc " + h.Value) : h).ToArray();

        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(both), Body));
    }

    [Fact]
    public void A_standard_webhook_with_a_wrong_signature_is_invalid()
    {
        var headers = StandardHeaders("msg_5", Now, Body, Encoding.UTF8.GetBytes("wrong"));

        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(headers), Body));
    }

    [Fact]
    public void A_standard_webhook_without_its_id_or_timestamp_is_invalid()
    {
        var headers = StandardHeaders("msg_6", Now, Body, Encoding.UTF8.GetBytes(Secret));

        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(headers.Where(h => h.Name != "webhook-id").ToArray()), Body));
        Assert.Equal(WebhookAuthOutcome.Invalid, Authenticator().Authenticate(Headers(headers.Where(h => h.Name != "webhook-timestamp").ToArray()), Body));
    }

    [Fact]
    public void A_replayed_standard_webhook_is_refused()
    {
        var headers = StandardHeaders("msg_7", Now, Body, Encoding.UTF8.GetBytes(Secret));
        var authenticator = Authenticator();

        Assert.Equal(WebhookAuthOutcome.Authenticated, authenticator.Authenticate(Headers(headers), Body));
        _clock.Now = Now.AddMinutes(2);
        Assert.Equal(WebhookAuthOutcome.Replayed, authenticator.Authenticate(Headers(headers), Body));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-3600)]
    public void A_standard_webhook_outside_five_minutes_is_expired(int offsetSeconds)
    {
        var headers = StandardHeaders("msg_8", Now.AddSeconds(offsetSeconds), Body, Encoding.UTF8.GetBytes(Secret));

        Assert.Equal(WebhookAuthOutcome.Expired, Authenticator().Authenticate(Headers(headers), Body));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void A_standard_webhook_just_inside_five_minutes_authenticates(int offsetSeconds)
    {
        var headers = StandardHeaders("msg_9", Now.AddSeconds(offsetSeconds), Body, Encoding.UTF8.GetBytes(Secret));

        Assert.Equal(WebhookAuthOutcome.Authenticated, Authenticator().Authenticate(Headers(headers), Body));
    }

    [Fact]
    public void A_forged_message_does_not_poison_the_replay_cache()
    {
        var forged = StandardHeaders("msg_10", Now, Body, Encoding.UTF8.GetBytes("attacker"));
        var genuine = StandardHeaders("msg_10", Now, Body, Encoding.UTF8.GetBytes(Secret));
        var authenticator = Authenticator();

        Assert.Equal(WebhookAuthOutcome.Invalid, authenticator.Authenticate(Headers(forged), Body));
        Assert.Equal(WebhookAuthOutcome.Authenticated, authenticator.Authenticate(Headers(genuine), Body));
    }
}

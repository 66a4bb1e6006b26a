using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmgSessions.Core.Stores;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Webhooks;

/// <summary>
/// Checks a webhook's credentials before its body is parsed (system.md §3.2). Accepts any of:
/// <c>Authorization: Bearer &lt;secret&gt;</c> or <c>X-Webhook-Secret</c> (constant-time compare);
/// <c>X-Webhook-Signature</c>: hex HMAC-SHA256 of the raw body, optional <c>sha256=</c> prefix;
/// Standard Webhooks (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c> with
/// <c>v1,&lt;base64 HMAC of id.timestamp.body&gt;</c>), within the tolerance and never twice.
/// "Never twice" holds across processes through <see cref="AuthenticateAsync"/> when a store is given
/// (<c>webhook_deliveries</c>); the per-process <see cref="WebhookReplayCache"/> is only a fast first filter.
/// </summary>
public sealed class WebhookAuthenticator(
    IOptions<WebhookOptions> options,
    WebhookReplayCache replayCache,
    TimeProvider timeProvider,
    ISessionStore? deliveries = null)
{
    /// <summary>Standard Webhooks secrets are often written <c>whsec_&lt;base64 key&gt;</c>.</summary>
    public const string StandardSecretPrefix = "whsec_";

    /// <summary>
    /// Checks the request whose headers <paramref name="header"/> returns (null when absent), refusing
    /// Standard Webhooks ids seen by this process only.
    /// </summary>
    public WebhookAuthOutcome Authenticate(Func<string, string?> header, ReadOnlySpan<byte> body) =>
        Check(header, body, standardReplayed: false, out _);

    /// <summary>
    /// Checks the request like <see cref="Authenticate"/>, then records a Standard Webhooks id in the
    /// database shared by every process, so that a replay is refused whichever process receives it.
    /// Database trouble surfaces as <see cref="DatabaseUnavailableException"/> (and the id is not kept).
    /// </summary>
    public async Task<WebhookAuthOutcome> AuthenticateAsync(Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        (await AuthenticateDeliveryAsync(header, body, cancellationToken).ConfigureAwait(false)).Outcome;

    /// <summary>
    /// Like <see cref="AuthenticateAsync"/>, and names the Standard Webhooks id this call recorded, so that the
    /// caller can <see cref="ForgetDeliveryAsync">forget</see> it when the delivery then fails transiently.
    /// </summary>
    public async Task<WebhookAuthentication> AuthenticateDeliveryAsync(Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var outcome = Check(header, body.Span, standardReplayed: false, out var delivery);
        if (delivery is not { } standard)
        {
            return new WebhookAuthentication(outcome, null);
        }

        if (deliveries is null)
        {
            return new WebhookAuthentication(outcome, standard.Id);
        }

        bool recorded;
        try
        {
            recorded = await deliveries.TryRecordWebhookDeliveryAsync(standard.Id, standard.ReceivedAt, standard.ExpiresAt, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            // Not recorded anywhere: a retry of this delivery must not look like a replay to this process.
            replayCache.Forget(standard.Id);
            throw;
        }

        // Another process saw the id first: the Standard Webhooks credential counts as replayed.
        return recorded
            ? new WebhookAuthentication(outcome, standard.Id)
            : new WebhookAuthentication(Check(header, body.Span, standardReplayed: true, out _), null);
    }

    /// <summary>
    /// Forgets a delivery id recorded by <see cref="AuthenticateDeliveryAsync"/>, in this process and in
    /// <c>webhook_deliveries</c>: the delivery failed transiently (503, or before Phase 1 completed), and the
    /// sender's retry with the same <c>webhook-id</c> must be accepted, not refused as a replay.
    /// Database trouble surfaces as <see cref="DatabaseUnavailableException"/>.
    /// </summary>
    public async Task ForgetDeliveryAsync(string webhookId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        replayCache.Forget(webhookId);
        if (deliveries is not null)
        {
            await deliveries.ForgetWebhookDeliveryAsync(webhookId, cancellationToken).ConfigureAwait(false);
        }
    }

    private WebhookAuthOutcome Check(Func<string, string?> header, ReadOnlySpan<byte> body, bool standardReplayed, out StandardDelivery? delivery)
    {
        ArgumentNullException.ThrowIfNull(header);
        delivery = null;
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            return WebhookAuthOutcome.NoSecretConfigured;
        }

        var failure = WebhookAuthOutcome.Missing;

        if (NonEmpty(header("webhook-signature")) is { } standardSignature)
        {
            var outcome = standardReplayed
                ? WebhookAuthOutcome.Replayed
                : CheckStandardWebhook(secret, header("webhook-id"), header("webhook-timestamp"), standardSignature, body, out delivery);
            if (outcome == WebhookAuthOutcome.Authenticated)
            {
                return outcome;
            }

            failure = Worse(failure, outcome);
        }

        if (NonEmpty(header("X-Webhook-Signature")) is { } hexSignature)
        {
            if (CheckHexSignature(secret, hexSignature, body))
            {
                return WebhookAuthOutcome.Authenticated;
            }

            failure = Worse(failure, WebhookAuthOutcome.Invalid);
        }

        var authorization = NonEmpty(header("Authorization"));
        if (authorization is not null)
        {
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && SecretEquals(authorization["Bearer ".Length..].Trim(), secret))
            {
                return WebhookAuthOutcome.Authenticated;
            }

            failure = Worse(failure, WebhookAuthOutcome.Invalid);
        }

        if (NonEmpty(header("X-Webhook-Secret")) is { } staticSecret)
        {
            if (SecretEquals(staticSecret, secret))
            {
                return WebhookAuthOutcome.Authenticated;
            }

            failure = Worse(failure, WebhookAuthOutcome.Invalid);
        }

        return failure;
    }

    /// <summary>The HMAC key of a secret: the decoded bytes of <c>whsec_&lt;base64&gt;</c>, else the UTF-8 bytes.</summary>
    public static byte[] SigningKey(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return TryDecodeStandardSecret(secret, out var key) ? key : Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Decodes a <c>whsec_&lt;base64&gt;</c> secret.</summary>
    public static bool TryDecodeStandardSecret(string secret, out byte[] key)
    {
        ArgumentNullException.ThrowIfNull(secret);
        key = [];
        if (!secret.StartsWith(StandardSecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(secret[StandardSecretPrefix.Length..]);
            return key.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private WebhookAuthOutcome CheckStandardWebhook(
        string secret, string? id, string? timestamp, string signatures, ReadOnlySpan<byte> body, out StandardDelivery? delivery)
    {
        delivery = null;
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp))
        {
            return WebhookAuthOutcome.Invalid;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookAuthOutcome.Invalid;
        }

        var prefix = Encoding.UTF8.GetBytes(id + "." + timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(SigningKey(secret), signed);

        var matched = false;
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || entry[..comma] != "v1")
            {
                continue;
            }

            var given = new byte[expected.Length + 3];
            if (Convert.TryFromBase64String(entry[(comma + 1)..], given, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(given.AsSpan(0, written), expected))
            {
                matched = true;
            }
        }

        if (!matched)
        {
            return WebhookAuthOutcome.Invalid;
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = timeProvider.GetUtcNow();
        var window = options.Value.ReplayWindow;
        if (sentAt < now - window || sentAt > now + window)
        {
            return WebhookAuthOutcome.Expired;
        }

        if (!replayCache.TryRegister(id, sentAt + window, now))
        {
            return WebhookAuthOutcome.Replayed;
        }

        delivery = new StandardDelivery(id, now, sentAt + window);
        return WebhookAuthOutcome.Authenticated;
    }

    private static bool CheckHexSignature(string secret, string signature, ReadOnlySpan<byte> body)
    {
        var hex = signature.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? signature["sha256=".Length..] : signature;
        if (hex.Length != 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        // The predecessor keyed this HMAC with the secret's text; a whsec_ secret may also mean its decoded bytes.
        var matches = CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        if (TryDecodeStandardSecret(secret, out var decoded))
        {
            matches |= CryptographicOperations.FixedTimeEquals(given, HMACSHA256.HashData(decoded, body));
        }

        return matches;
    }

    /// <summary>Compares digests so neither the content nor the length of the secret leaks through timing.</summary>
    private static bool SecretEquals(string given, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static WebhookAuthOutcome Worse(WebhookAuthOutcome a, WebhookAuthOutcome b) => Rank(b) > Rank(a) ? b : a;

    private static int Rank(WebhookAuthOutcome outcome) => outcome switch
    {
        WebhookAuthOutcome.Replayed => 4,
        WebhookAuthOutcome.Expired => 3,
        WebhookAuthOutcome.Invalid => 2,
        _ => 1,
    };

    /// <summary>A Standard Webhooks id that passed every check of this process, to be recorded for all.</summary>
    private readonly record struct StandardDelivery(string Id, DateTimeOffset ReceivedAt, DateTimeOffset ExpiresAt);
}

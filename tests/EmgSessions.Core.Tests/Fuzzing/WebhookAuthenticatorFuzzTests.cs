using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmgSessions.Core.Tests.Webhooks;
using EmgSessions.Core.Webhooks;
using EmgSessions.Testing;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace EmgSessions.Core.Tests.Fuzzing;

/// <summary>
/// Fuzzing of the authenticator (system.md §3.2): random combinations of hostile header values over
/// mutated bodies. It never throws, only a correct credential authenticates, and a correct signature
/// over the exact body always does (unless replayed or out of the window).
/// </summary>
public sealed class WebhookAuthenticatorFuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 10_000;
    private const string Secret = "s3cret-shared-with-supabase";
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 11, 46, 30, TimeSpan.Zero);

    private static readonly string[] HeaderNames =
        ["Authorization", "X-Webhook-Secret", "X-Webhook-Signature", "webhook-id", "webhook-timestamp", "webhook-signature"];

    private static readonly string[] HostileValues =
    [
        "", " ", "\t", "Bearer", "Bearer ", "Bearer  ", "bearer " + Secret + "x", "Bearer" + Secret, "Basic " + Secret, Secret + "\0", Secret.ToUpperInvariant(),
        "sha256=", "sha256=" + new string('0', 64), new string('g', 64), new string('a', 63), new string('A', 65), "sha256=" + new string('f', 128),
        "v1,", "v1", ",", "v1,====", "v1,!!!", "v2," + Convert.ToBase64String(new byte[32]), "v1," + Convert.ToBase64String(new byte[33]),
        "v1," + Convert.ToBase64String(new byte[32]) + " v1,x", "0", "-1", "+5", "1e10", "99999999999999999999", "253402300799", "253402300800",
        "9223372036854775807", "1741607190", "1741607489", "1741606889", "\ud800", "\u00e9\u00e9", "msg_\u0001", new string('x', 10_000), "whsec_", "whsec_!!",
    ];

    [Fact]
    public void Hostile_headers_never_throw_and_never_authenticate_without_the_secret()
    {
        var iterations = FuzzBudget.Iterations(DefaultIterations);
        var seed = FuzzBudget.Seed(20_260_602);
        var random = new Random(seed);
        var bodies = new JsonMutator(new Random(seed), WebhookSeeds.All);
        var clock = new ManualTimeProvider(Now);
        var authenticator = new WebhookAuthenticator(Options.Create(new WebhookOptions { Secret = Secret }), new WebhookReplayCache(), clock);
        var outcomes = new Dictionary<WebhookAuthOutcome, int>();

        for (var i = 0; i < iterations; i++)
        {
            var body = bodies.Next();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in HeaderNames)
            {
                if (random.Next(3) == 0)
                {
                    headers[name] = HostileValues[random.Next(HostileValues.Length)];
                }
            }

            // Half the Standard Webhooks attempts carry a signature made with the real secret over a hostile id/timestamp.
            var signedCorrectly = false;
            if (headers.ContainsKey("webhook-id") && headers.ContainsKey("webhook-timestamp") && random.Next(2) == 0)
            {
                headers["webhook-signature"] = StandardSignature(headers["webhook-id"], headers["webhook-timestamp"], body);
                signedCorrectly = true;
            }

            WebhookAuthOutcome outcome;
            try
            {
                outcome = authenticator.Authenticate(name => headers.GetValueOrDefault(name), body);
            }
            catch (Exception e)
            {
                Assert.Fail($"Iteration {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}; headers {string.Join(" | ", headers)}");
                return;
            }

            Assert.True(Enum.IsDefined(outcome));
            Assert.NotEqual(WebhookAuthOutcome.NoSecretConfigured, outcome);
            if (outcome == WebhookAuthOutcome.Authenticated)
            {
                // Only a correct signature can have done it: none of the hostile static values is the secret.
                Assert.True(signedCorrectly, $"Iteration {i} authenticated with headers {string.Join(" | ", headers)}");
                Assert.True(long.TryParse(headers["webhook-timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
                    && Math.Abs(ts - Now.ToUnixTimeSeconds()) <= 300);
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        output.WriteLine($"{iterations} iterations (seed {seed}): " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
    }

    [Fact]
    public void A_valid_signature_over_any_mutated_body_authenticates_once_and_any_flipped_bit_fails()
    {
        var iterations = FuzzBudget.Iterations(DefaultIterations) / 4;
        var seed = FuzzBudget.Seed(20_260_603);
        var random = new Random(seed);
        var bodies = new JsonMutator(random, WebhookSeeds.All);
        var authenticator = new WebhookAuthenticator(
            Options.Create(new WebhookOptions { Secret = Secret }), new WebhookReplayCache(), new ManualTimeProvider(Now));
        var timestamp = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        for (var i = 0; i < iterations; i++)
        {
            var body = bodies.Next();
            var id = $"msg_{i}";
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["webhook-id"] = id,
                ["webhook-timestamp"] = timestamp,
                ["webhook-signature"] = StandardSignature(id, timestamp, body),
                ["X-Webhook-Signature"] = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)),
            };

            if (body.Length > 0 && random.Next(2) == 0)
            {
                var tampered = body.ToArray();
                tampered[random.Next(tampered.Length)] ^= (byte)(1 << random.Next(8));
                Assert.Equal(WebhookAuthOutcome.Invalid, authenticator.Authenticate(name => headers.GetValueOrDefault(name), tampered));
            }

            Assert.Equal(WebhookAuthOutcome.Authenticated, authenticator.Authenticate(name => headers.GetValueOrDefault(name), body));

            // The same Standard Webhooks id again is a replay; the hex HMAC alone still proves the body.
            Assert.Equal(WebhookAuthOutcome.Authenticated, authenticator.Authenticate(name => headers.GetValueOrDefault(name), body));
            headers.Remove("X-Webhook-Signature");
            Assert.Equal(WebhookAuthOutcome.Replayed, authenticator.Authenticate(name => headers.GetValueOrDefault(name), body));
        }
    }

    private static string StandardSignature(string id, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes(id + "." + timestamp + ".").Concat(body).ToArray();
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
    }
}

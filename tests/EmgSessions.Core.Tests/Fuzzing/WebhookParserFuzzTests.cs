using System.Diagnostics;
using EmgSessions.Core.Storage;
using EmgSessions.Core.Webhooks;
using EmgSessions.Testing;
using Xunit.Abstractions;

namespace EmgSessions.Core.Tests.Fuzzing;

/// <summary>
/// Mutation fuzzing of the webhook parser and validator: whatever the body, the answer is one of the
/// documented verdicts (system.md §3.3) with its parts filled in, never an exception, never a hang and
/// never an allocation out of proportion to the body (the endpoint caps bodies at 1 MiB).
/// </summary>
public sealed class WebhookParserFuzzTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 10_000;
    // A hang guard, not a speed target (a loaded machine stretches milliseconds into seconds); work is bounded by the allocation check.
    private static readonly TimeSpan SlowCall = TimeSpan.FromSeconds(30);

    [Fact]
    public void Mutated_bodies_of_both_formats_only_ever_get_a_documented_verdict()
    {
        var iterations = FuzzBudget.Iterations(DefaultIterations);
        var seed = FuzzBudget.Seed(20_260_601);
        var mutator = new JsonMutator(new Random(seed), WebhookSeeds.All);
        var options = new WebhookOptions();
        var verdicts = new Dictionary<WebhookVerdict, int>();
        var maxBody = 0;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();

        for (var i = 0; i < iterations; i++)
        {
            var body = mutator.Next();
            maxBody = Math.Max(maxBody, body.Length);
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            WebhookCheck check;
            try
            {
                check = WebhookValidator.Validate(body, options);
            }
            catch (Exception e)
            {
                Assert.Fail($"Iteration {i} (seed {seed}) threw {e.GetType().Name}: {e.Message}\nBody (base64): {Convert.ToBase64String(body)}");
                return;
            }

            watch.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            Assert.True(watch.Elapsed < SlowCall, $"Iteration {i} took {watch.Elapsed.TotalMilliseconds:F0} ms on {body.Length} bytes.");
            Assert.True(allocated < (64L * body.Length) + (1 << 20), $"Iteration {i} allocated {allocated} bytes for a {body.Length}-byte body.");
            AssertDocumented(check, options, i, body);
            verdicts[check.Verdict] = verdicts.GetValueOrDefault(check.Verdict) + 1;
        }

        output.WriteLine($"{iterations} iterations (seed {seed}) in {total.Elapsed.TotalSeconds:F1} s; largest body {maxBody} bytes; slowest call {slowest.TotalMilliseconds:F2} ms");
        output.WriteLine(string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key}: {v.Value}")));

        // The fuzzer must reach every outcome, or it is not exercising the parser.
        Assert.All(Enum.GetValues<WebhookVerdict>(), v => Assert.True(verdicts.GetValueOrDefault(v) > 0, $"No body reached {v}."));
    }

    [Fact]
    public void The_same_seed_produces_the_same_bodies()
    {
        var a = new JsonMutator(new Random(7), WebhookSeeds.All);
        var b = new JsonMutator(new Random(7), WebhookSeeds.All);
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(a.Next(), b.Next());
        }
    }

    private static void AssertDocumented(WebhookCheck check, WebhookOptions options, int iteration, byte[] body)
    {
        var where = $"iteration {iteration}, body {Convert.ToBase64String(body)}";
        Assert.True(Enum.IsDefined(check.Verdict), where);
        Assert.False(string.IsNullOrWhiteSpace(check.Message), where);
        switch (check.Verdict)
        {
            case WebhookVerdict.Invalid:
                Assert.True(check.Errors is { Count: > 0 }, "Invalid without named fields: " + where);
                Assert.All(check.Errors!, e => Assert.NotEmpty(e.Value));
                break;
            case WebhookVerdict.Accepted:
                var e = check.Event ?? throw new Xunit.Sdk.XunitException("Accepted without an event: " + where);
                Assert.True(ObjectKey.IsValid(e.Key), $"Accepted an unsafe key '{e.Key}': {where}");
                Assert.Null(ObjectKey.ValidateBucket(e.Bucket));
                Assert.EndsWith(".c3d", e.Key, StringComparison.OrdinalIgnoreCase);
                Assert.Contains(e.Bucket, options.AcceptedBuckets);
                Assert.True(e.Size is null || (e.Size > 0 && e.Size <= options.MaxFileSizeBytes), $"Accepted size {e.Size}: {where}");

                // Phase 1 derives the session's path facts from every accepted key; that must not throw either.
                var info = SessionPathConventions.Derive(e.Key, TimeZoneInfo.Utc);
                Assert.False(string.IsNullOrEmpty(info.OriginalFilename), where);
                _ = info.GameMetadataJson;
                break;
            case WebhookVerdict.Rejected:
                Assert.NotNull(check.Event);
                break;
        }
    }
}

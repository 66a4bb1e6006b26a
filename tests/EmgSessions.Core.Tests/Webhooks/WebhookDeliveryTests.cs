using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Tests.Stores;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Tests.Webhooks;

/// <summary>
/// Standard Webhooks replay protection shared through <c>webhook_deliveries</c>: two processes (two
/// stores, two authenticators with their own in-memory caches) on one database, on both engines.
/// </summary>
public abstract class WebhookDeliveryTests(TestDatabases databases)
{
    private const string Secret = "s3cret-shared-by-every-process";
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 11, 46, 30, TimeSpan.Zero);
    private static readonly byte[] Body = WebhookPayloads.Supabase("INSERT", "c3d-examples", "P005/a.c3d");
    private static readonly CancellationToken None = CancellationToken.None;

    protected TestDatabases Databases { get; } = databases;

    /// <summary>A store whose database cannot be reached.</summary>
    protected abstract ISessionStore UnreachableStore();

    [Fact]
    public async Task A_delivery_id_is_recorded_once_for_every_store_on_the_database()
    {
        var (spec, first) = await NewDatabaseAsync();
        await using var _ = first;
        await using var second = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);

        Assert.True(await first.TryRecordWebhookDeliveryAsync("msg_1", Now, Now.AddMinutes(5), None));
        Assert.False(await second.TryRecordWebhookDeliveryAsync("msg_1", Now.AddSeconds(1), Now.AddMinutes(5), None));
        Assert.False(await first.TryRecordWebhookDeliveryAsync("msg_1", Now.AddMinutes(4), Now.AddMinutes(9), None));
        Assert.True(await second.TryRecordWebhookDeliveryAsync("msg_2", Now, Now.AddMinutes(5), None));
        Assert.Equal(2L, Convert.ToInt64(await Databases.ScalarAsync(spec, "SELECT count(*) FROM webhook_deliveries"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_expired_id_is_new_again_and_expired_rows_are_deleted()
    {
        var (spec, store) = await NewDatabaseAsync();
        await using var _ = store;
        await store.TryRecordWebhookDeliveryAsync("old", Now, Now.AddMinutes(5), None);
        await store.TryRecordWebhookDeliveryAsync("kept", Now, Now.AddMinutes(5), None);

        // Six minutes later "kept" is taken over with a new window; a fresh process purges "old".
        Assert.True(await store.TryRecordWebhookDeliveryAsync("kept", Now.AddMinutes(6), Now.AddMinutes(11), None));
        await using var later = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        Assert.True(await later.TryRecordWebhookDeliveryAsync("new", Now.AddMinutes(7), Now.AddMinutes(12), None));

        var ids = (await Databases.QueryAsync(spec, "SELECT webhook_id FROM webhook_deliveries ORDER BY webhook_id")).Select(r => (string)r[0]!);
        Assert.Equal(["kept", "new"], ids);
        Assert.False(await later.TryRecordWebhookDeliveryAsync("kept", Now.AddMinutes(8), Now.AddMinutes(13), None));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_id_through_two_stores_record_it_exactly_once()
    {
        var (spec, first) = await NewDatabaseAsync();
        await using var _ = first;
        await using var second = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).TryRecordWebhookDeliveryAsync("msg_race", Now, Now.AddMinutes(5), None))));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task A_replayed_standard_webhook_is_refused_by_a_second_process_on_the_same_database()
    {
        var (spec, first) = await NewDatabaseAsync();
        await using var _ = first;
        await using var second = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        var headers = Headers(StandardHeaders("msg_replay", Now.AddSeconds(-10)));

        var accepted = await Authenticator(first).AuthenticateAsync(headers, Body, None);
        var replayed = await Authenticator(second).AuthenticateAsync(headers, Body, None);

        Assert.Equal(WebhookAuthOutcome.Authenticated, accepted);
        Assert.Equal(WebhookAuthOutcome.Replayed, replayed);
        Assert.Equal(WebhookAuthOutcome.Authenticated,
            await Authenticator(second).AuthenticateAsync(Headers(StandardHeaders("msg_other", Now)), Body, None));
    }

    [Fact]
    public async Task A_replay_that_also_carries_the_static_secret_is_accepted_by_that_secret_as_before()
    {
        var (_, store) = await NewDatabaseAsync();
        await using var __ = store;
        var standard = StandardHeaders("msg_both", Now);
        await Authenticator(store).AuthenticateAsync(Headers(standard), Body, None);

        var outcome = await Authenticator(store).AuthenticateAsync(Headers([.. standard, ("X-Webhook-Secret", Secret)]), Body, None);

        Assert.Equal(WebhookAuthOutcome.Authenticated, outcome);
    }

    [Fact]
    public async Task A_delivery_that_could_not_be_recorded_is_not_a_replay_when_it_is_retried()
    {
        var (_, store) = await NewDatabaseAsync();
        await using var _ = store;
        await using var unreachable = UnreachableStore();
        var cache = new WebhookReplayCache();
        var headers = Headers(StandardHeaders("msg_retry", Now));

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => Authenticator(unreachable, cache).AuthenticateAsync(headers, Body, None));
        var retried = await Authenticator(store, cache).AuthenticateAsync(headers, Body, None);

        Assert.Equal(WebhookAuthOutcome.Authenticated, retried);
        Assert.Equal(WebhookAuthOutcome.Replayed, await Authenticator(store, cache).AuthenticateAsync(headers, Body, None));
    }

    [Fact]
    public async Task A_forgotten_delivery_is_accepted_again_by_every_process_and_only_that_id_is_forgotten()
    {
        var (spec, first) = await NewDatabaseAsync();
        await using var _ = first;
        await using var second = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        var cache = new WebhookReplayCache();
        var authenticator = Authenticator(first, cache);
        var headers = Headers(StandardHeaders("msg_transient", Now));
        await first.TryRecordWebhookDeliveryAsync("msg_kept", Now, Now.AddMinutes(5), None);

        var accepted = await authenticator.AuthenticateDeliveryAsync(headers, Body, None);
        await authenticator.ForgetDeliveryAsync("msg_transient", None);

        Assert.Equal(new WebhookAuthentication(WebhookAuthOutcome.Authenticated, "msg_transient"), accepted);
        Assert.Equal(0, cache.Count);
        Assert.False(await second.ForgetWebhookDeliveryAsync("msg_transient", None));
        var retried = await Authenticator(second).AuthenticateDeliveryAsync(headers, Body, None);
        Assert.Equal(new WebhookAuthentication(WebhookAuthOutcome.Authenticated, "msg_transient"), retried);
        Assert.Equal(new WebhookAuthentication(WebhookAuthOutcome.Replayed, null), await authenticator.AuthenticateDeliveryAsync(headers, Body, None));
        var ids = (await Databases.QueryAsync(spec, "SELECT webhook_id FROM webhook_deliveries ORDER BY webhook_id")).Select(r => (string)r[0]!);
        Assert.Equal(["msg_kept", "msg_transient"], ids);
    }

    private async Task<(string Spec, ISessionStore Store)> NewDatabaseAsync()
    {
        var spec = await Databases.NewEmptyDatabaseAsync();
        var store = SessionStoreFactory.Create(spec, NullLoggerFactory.Instance);
        await store.MigrateAsync(None);
        return (spec, store);
    }

    /// <summary>One process: its own in-memory cache (unless shared on purpose), the given store.</summary>
    private static WebhookAuthenticator Authenticator(ISessionStore store, WebhookReplayCache? cache = null) =>
        new(Options.Create(new WebhookOptions { Secret = Secret }), cache ?? new WebhookReplayCache(), new ManualTimeProvider(Now), store);

    private static Func<string, string?> Headers((string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static (string Name, string Value)[] StandardHeaders(string id, DateTimeOffset sentAt)
    {
        var timestamp = sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes(id + "." + timestamp + ".").Concat(Body).ToArray();
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        return [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", "v1," + signature)];
    }
}

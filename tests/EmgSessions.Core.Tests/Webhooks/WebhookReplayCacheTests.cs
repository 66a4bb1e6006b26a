using EmgSessions.Core.Webhooks;

namespace EmgSessions.Core.Tests.Webhooks;

public sealed class WebhookReplayCacheTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_id_is_accepted_once_until_it_expires()
    {
        var cache = new WebhookReplayCache();

        Assert.True(cache.TryRegister("a", Now.AddMinutes(5), Now));
        Assert.False(cache.TryRegister("a", Now.AddMinutes(5), Now.AddMinutes(4)));
        Assert.True(cache.TryRegister("a", Now.AddMinutes(11), Now.AddMinutes(6)));
    }

    [Fact]
    public void Pruning_forgets_only_expired_ids()
    {
        var cache = new WebhookReplayCache();
        cache.TryRegister("old", Now, Now.AddMinutes(-5));
        cache.TryRegister("new", Now.AddMinutes(5), Now);

        cache.Prune(Now.AddSeconds(1));

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_id_accept_exactly_one()
    {
        var cache = new WebhookReplayCache();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => cache.TryRegister("same", Now.AddMinutes(5), Now))));

        Assert.Equal(1, results.Count(r => r));
    }
}

using EmgSessions.Hosting;

namespace EmgSessions.Tests.Hosting;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://127.0.0.1:0")]
    public void Loopback_addresses_are_accepted_without_keys(string url)
    {
        Assert.Empty(ListenAddresses.Check([url], hasApiKeys: false, hasWebhookSecret: false));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("http://[::]:8080")]
    public void Other_addresses_are_refused_without_keys_and_secret(string url)
    {
        var problem = Assert.Single(ListenAddresses.Check([url], hasApiKeys: false, hasWebhookSecret: false));

        Assert.Contains("EMGS_API_KEYS and EMGS_WEBHOOK_SECRET are not configured", problem, StringComparison.Ordinal);
        Assert.Single(ListenAddresses.Check([url], hasApiKeys: true, hasWebhookSecret: false));
        Assert.Single(ListenAddresses.Check([url], hasApiKeys: false, hasWebhookSecret: true));
        Assert.Empty(ListenAddresses.Check([url], hasApiKeys: true, hasWebhookSecret: true));
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:port")]
    public void Malformed_addresses_are_reported(string url)
    {
        var problem = Assert.Single(ListenAddresses.Check([url], hasApiKeys: true, hasWebhookSecret: true));

        Assert.Contains(url, problem, StringComparison.Ordinal);
    }
}

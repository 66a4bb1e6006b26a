using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Hosting;
using EmgSessions.Testing.Databases;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// The zero-set-up default: on loopback with no API keys and no account the API is open to the local user; the
/// first account closes it. Beyond loopback a webhook secret plus a local account may stand in for API keys.
/// </summary>
public sealed class ZeroSetupAccessTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync("emgs-zero", migrated: true);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Without_keys_or_accounts_a_loopback_caller_is_the_local_user_until_the_first_account_exists()
    {
        await using var server = await AuthTestServer.StartAsync(_database.Spec);
        using var client = server.Client();

        using var open = await client.GetAsync("/api/sessions/");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        server.AddAccount("admin@example.org", Role.Admin);
        using var closed = await client.GetAsync("/api/sessions/");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal("local", me.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("email").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
    }

    [Fact]
    public async Task A_webhook_secret_and_a_local_account_let_the_server_listen_beyond_loopback()
    {
        var settings = new Dictionary<string, string?> { ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:0", ["Webhook:Secret"] = "zero-secret" };

        var refused = await Assert.ThrowsAsync<EmgsConfigurationException>(() => AuthTestServer.StartAsync(_database.Spec, settings));
        await using var server = await AuthTestServer.StartAsync(
            _database.Spec, settings, (accounts, hasher) => accounts.Add("admin@example.org", hasher.HashPassword(null!, AuthTestServer.Password), Role.Admin));
        using var client = server.Client();
        using var anonymous = await client.GetAsync("/api/sessions/");

        Assert.Contains("EMGS_API_KEYS is not configured", refused.Message, StringComparison.Ordinal);
        Assert.Contains("emgs users add", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("http://0.0.0.0:", server.BoundAddress, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task An_account_store_registered_without_its_directory_closes_the_zero_set_up_default()
    {
        await using var server = await AuthTestServer.StartAsync(_database.Spec, registerDirectory: false);
        using var client = server.Client();

        using var anonymous = await client.GetAsync("/api/sessions/");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}

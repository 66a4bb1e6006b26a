using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Testing;
using EmgSessions.Tests.EndToEnd;
using Npgsql;

namespace EmgSessions.Tests.Http;

public sealed class ApiUnavailableTests
{
    [Fact]
    public async Task A_database_that_cannot_be_reached_gives_503_problem_details_and_not_ready()
    {
        // Given a server whose PostgreSQL address has nothing listening (no migration on start).
        var dead = new NpgsqlConnectionStringBuilder(TestPostgres.AdminConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var server = await EndToEndServer.StartAsync(dead, new Dictionary<string, string?>
        {
            ["Database:MigrateOnStart"] = "false",
            ["Workers:Count"] = "0",
            ["Cache:CleanupIntervalHours"] = "0",
        });

        using var list = await server.Client.GetAsync("/api/sessions");
        using var ready = await server.Client.GetAsync("/health/ready");
        using var live = await server.Client.GetAsync("/health");
        using var status = await server.Client.GetAsync($"/webhooks/storage/status/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
        Assert.Equal("10", list.Headers.RetryAfter?.ToString());
        var problem = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The database is unavailable", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unavailable", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("database").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        Assert.Equal("10", status.Headers.RetryAfter?.ToString());
        Assert.Equal("The database is unavailable", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}

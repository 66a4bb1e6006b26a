using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Core.Database;
using EmgSessions.Tests.EndToEnd;

namespace EmgSessions.Tests.Http;

/// <summary><c>/health/ready</c> on SQLite: the file that was opened must still be the one on disk.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readiness_fails_once_the_sqlite_file_is_deleted()
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        using var before = await server.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var path = DatabaseOptions.Parse(database.Spec).SqlitePath!;
        File.Delete(path);

        using var after = await server.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("unavailable", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("database").GetString());
    }

    [Fact]
    public async Task Readiness_fails_once_the_sqlite_file_is_replaced_by_another()
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        using var before = await server.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // A copy of the same bytes moved over the path: the same content, another file.
        var path = DatabaseOptions.Parse(database.Spec).SqlitePath!;
        var copy = path + ".copy";
        File.Copy(path, copy);
        File.Move(copy, path, overwrite: true);

        using var after = await server.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("unavailable", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("database").GetString());
    }
}

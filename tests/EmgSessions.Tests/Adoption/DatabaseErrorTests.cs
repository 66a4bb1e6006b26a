using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Tests.EndToEnd;
using Microsoft.Data.Sqlite;

namespace EmgSessions.Tests.Adoption;

/// <summary>A statement the database refuses during an API call answers problem details that say what to do, never a bare 500.</summary>
public sealed class DatabaseErrorTests
{
    [Fact]
    public async Task A_schema_the_statements_do_not_fit_answers_problem_details_naming_the_next_step()
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        await using var server = await EndToEndServer.StartAsync(database.Spec, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        await using (var connection = new SqliteConnection("Data Source=" + database.Spec["sqlite:".Length..]))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE therapy_sessions RENAME COLUMN game_metadata TO game_metadata_moved";
            await command.ExecuteNonQueryAsync();
        }

        using var response = await server.Client.GetAsync("/api/sessions");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The database refused the request", problem.GetProperty("title").GetString());
        Assert.Contains("emgs migrate --status", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(database.Spec["sqlite:".Length..], problem.ToString(), StringComparison.Ordinal);
    }
}

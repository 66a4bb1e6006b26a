using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.Web.Display;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// The Sessions page in headless Chromium on the shared dashboard (the local user of a zero-set-up server): its
/// filters, sort and paging show exactly the rows the API lists for the same query, the paging links work with the
/// browser's back button, and the overall score column is the stored score.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SessionsListBrowserTests(DashboardFixture fixture)
{
    private const string RowIds = "[...document.querySelectorAll('tr[data-session]')].map(r => r.dataset.session)";

    [Theory]
    [InlineData("", "sort=recorded")]
    [InlineData("status=failed", "status=failed&sort=recorded")]
    [InlineData("patient=P005", "patient_id=P005&sort=recorded")]
    [InlineData("q=17-50-17", "q=17-50-17&sort=recorded")]
    [InlineData("q=incomplete", "q=incomplete&sort=recorded")]
    [InlineData("from=2023-03-21&to=2023-03-21", "from=2023-03-21&to=2023-03-21T23:59:59.9999999Z&sort=recorded")]
    [InlineData("sort=created", "sort=created")]
    [InlineData("sort=recorded&order=asc", "sort=recorded&order=asc")]
    [InlineData("sort=duration&order=desc", "sort=duration&order=desc")]
    [InlineData("sort=file&order=asc&size=2", "sort=file&order=asc&limit=2")]
    [InlineData("sort=file&order=asc&size=2&offset=2", "sort=file&order=asc&limit=2&offset=2")]
    [InlineData("patient=P005&q=session2&sort=patient", "patient_id=P005&q=session2&sort=patient")]
    public async Task Filters_sort_and_paging_show_the_rows_the_api_lists_for_the_same_query(string pageQuery, string apiQuery)
    {
        var (page, _) = await fixture.OpenAsync("/sessions?" + pageQuery);
        await using (page)
        {
            var shown = await page.EvaluateExpressionAsync<string[]>(RowIds);

            var listed = await ApiIdsAsync(apiQuery);
            Assert.Equal(listed, shown);
            if (listed.Length == 0)
            {
                Assert.NotNull(await page.QuerySelectorAsync("p.empty"));
            }
        }
    }

    [Fact]
    public async Task The_filters_narrow_the_list_to_fewer_rows_than_the_whole_and_a_malformed_value_is_named()
    {
        var all = await ApiIdsAsync("limit=100");
        var failed = await ApiIdsAsync("status=failed");
        var (page, _) = await fixture.OpenAsync("/sessions?status=nonsense&from=yesterday");
        await using (page)
        {
            var problem = await page.EvaluateExpressionAsync<string>("document.getElementById('sessions-problem').innerText");

            Assert.Equal(fixture.Sessions.Count, all.Length);
            Assert.Equal([fixture.FailedSession.ToString()], failed);
            Assert.Contains("Unknown status 'nonsense'", problem, StringComparison.Ordinal);
            Assert.Contains("The 'from' date must look like 2023-03-21.", problem, StringComparison.Ordinal);
            Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('tr[data-session]').length"));
        }
    }

    [Fact]
    public async Task The_next_page_link_and_the_back_button_move_between_pages_of_the_same_filter()
    {
        var (page, _) = await fixture.OpenAsync("/sessions?sort=file&order=asc&size=2");
        await using (page)
        {
            var first = await page.EvaluateExpressionAsync<string[]>(RowIds);
            await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("a[rel=next]"));
            var second = await page.EvaluateExpressionAsync<string[]>(RowIds);
            var secondUrl = page.Url;
            await page.GoBackAsync();
            var back = await page.EvaluateExpressionAsync<string[]>(RowIds);

            Assert.Equal(await ApiIdsAsync("sort=file&order=asc&limit=2"), first);
            Assert.Equal(await ApiIdsAsync("sort=file&order=asc&limit=2&offset=2"), second);
            Assert.EndsWith("/sessions?sort=file&order=asc&size=2&offset=2", secondUrl, StringComparison.Ordinal);
            Assert.Equal(first, back);
            Assert.Empty(first.Intersect(second));
        }
    }

    [Fact]
    public async Task A_column_heading_sorts_by_that_column_and_a_second_click_reverses_it()
    {
        var (page, _) = await fixture.OpenAsync("/sessions");
        await using (page)
        {
            await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("th a[href*='sort=duration']"));
            var descending = await page.EvaluateExpressionAsync<string[]>(RowIds);
            var sortState = await page.EvaluateExpressionAsync<string>("document.querySelector('th[aria-sort]').innerText + ' ' + document.querySelector('th[aria-sort]').getAttribute('aria-sort')");
            await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("th a[href*='sort=duration']"));
            var ascending = await page.EvaluateExpressionAsync<string[]>(RowIds);

            Assert.Equal("Duration descending", sortState);
            Assert.Equal(await ApiIdsAsync("sort=duration"), descending);
            Assert.Equal(await ApiIdsAsync("sort=duration&order=asc"), ascending);
            Assert.NotEqual(descending, ascending);
        }
    }

    [Fact]
    public async Task The_overall_score_column_shows_each_sessions_stored_score_or_says_there_is_none()
    {
        var (page, _) = await fixture.OpenAsync("/sessions");
        await using (page)
        {
            foreach (var id in fixture.Sessions)
            {
                var cell = await page.EvaluateExpressionAsync<string>($"document.querySelector('tr[data-session=\"{id}\"] td[data-score]').innerText.trim()");
                using var response = await fixture.Server.Client.GetAsync($"/api/sessions/{id}/scores");
                if (response.IsSuccessStatusCode)
                {
                    var overall = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overall_score");
                    Assert.Equal(overall.ValueKind == JsonValueKind.Number ? Units.Number(overall.GetDouble()) : "no score yet", cell);
                }
                else
                {
                    Assert.Equal("no score yet", cell);
                }
            }

            var scored = await page.EvaluateExpressionAsync<int>("[...document.querySelectorAll('td[data-score] [data-db]')].length");
            Assert.True(scored >= 1, "no session of the real recordings shows a score");
        }
    }

    [Fact]
    public async Task The_cohort_download_links_export_exactly_the_sessions_the_filters_list()
    {
        var (page, _) = await fixture.OpenAsync("/sessions?patient=P005&from=2023-03-21&to=2023-03-21&q=anything");
        await using (page)
        {
            var csvHref = await page.EvaluateExpressionAsync<string>("document.querySelector('#cohort-export a[href*=\"sessions.csv\"]').getAttribute('href')");
            var parquetHref = await page.EvaluateExpressionAsync<string>("document.querySelector('#cohort-export a[href*=\"sessions.parquet\"]').getAttribute('href')");
            var note = await page.EvaluateExpressionAsync<string>("document.getElementById('cohort-export').innerText");

            Assert.Equal("/api/export/sessions.csv?patient_id=P005&from=2023-03-21&to=2023-03-21T23%3A59%3A59.9999999Z", csvHref);
            Assert.Equal(csvHref.Replace("sessions.csv", "sessions.parquet", StringComparison.Ordinal), parquetHref);
            Assert.Contains("the text and therapist filters do not", note, StringComparison.Ordinal);

            // The file behind the link holds the sessions the list shows for the same filters (without the text).
            using var response = await fixture.Server.Client.GetAsync(csvHref);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            using var csv = new CsvHelper.CsvReader(new StreamReader(await response.Content.ReadAsStreamAsync()), System.Globalization.CultureInfo.InvariantCulture);
            var exported = new HashSet<string>(StringComparer.Ordinal);
            await csv.ReadAsync();
            csv.ReadHeader();
            while (await csv.ReadAsync())
            {
                exported.Add(csv.GetField("session_id")!);
            }

            var listed = await ApiIdsAsync("patient_id=P005&from=2023-03-21&to=2023-03-21T23:59:59.9999999Z");
            Assert.NotEmpty(listed);
            Assert.Equal(listed.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        }
    }

    private async Task<string[]> ApiIdsAsync(string query)
    {
        var list = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/sessions/?" + query);
        return [.. list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }
}

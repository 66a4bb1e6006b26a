using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Http;

public sealed class UploadValidationTests(UploadServer upload) : IClassFixture<UploadServer>
{
    [Fact]
    public async Task A_form_without_a_file_names_the_field()
    {
        using var form = new MultipartFormDataContent { { new StringContent("P1"), "patient_id" } };

        var problem = await PostAsync(form, HttpStatusCode.BadRequest);

        Assert.Contains("required", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_not_named_c3d_and_a_bad_option_are_both_reported()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0823))), "file", "recording.txt" },
            { new StringContent("high"), "threshold_factor" },
        };

        var problem = await PostAsync(form, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("not a .c3d file", errors.GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not a number", errors.GetProperty("threshold_factor")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_option_out_of_range_is_refused_with_the_analysis_message()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0823))), "file", "x.c3d" },
            { new StringContent("1.5"), "threshold_factor" },
        };

        var problem = await PostAsync(form, HttpStatusCode.BadRequest);

        Assert.Contains("threshold_factor", problem.GetProperty("errors").GetProperty("options")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused()
    {
        using var body = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await upload.Client.PostAsync("/upload", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> PostAsync(HttpContent content, HttpStatusCode expected)
    {
        using var response = await upload.Client.PostAsync("/upload", content);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EmgSessions.C3d;
using EmgSessions.Testing;

namespace EmgSessions.Tests.Http;

/// <summary><c>/upload</c> of recordings with nothing to analyse: a 422 that says why, once, never a 500 or zeros.</summary>
public sealed class UploadFindingsTests(UploadServer upload) : IClassFixture<UploadServer>
{
    [Fact]
    public async Task A_recording_cut_after_700_bytes_is_refused_saying_the_upload_is_incomplete()
    {
        var cut = File.ReadAllBytes(TestFiles.Sample(TestFiles.Ghostly0881))[..700];

        var problem = await PostAsync(cut);

        Assert.Equal("Nothing to analyse", problem.GetProperty("title").GetString());
        Assert.Equal("The recording holds no samples: the file ends at byte 700 but its data should start at byte 1536: the upload is incomplete.",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_recording_with_only_force_channels_is_refused_with_the_reason()
    {
        var force = Enumerable.Range(0, 4000).Select(i => 600 + (50 * Math.Sin(i / 50.0))).ToArray();
        var bytes = new C3dWriter(100, 10).AddAnalog("FZ1", force, units: "N").ToArray();

        var problem = await PostAsync(bytes);

        Assert.StartsWith("The recording has no EMG channel: FZ1: its unit N is not a voltage: not EMG", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_c3d_is_refused_without_repeating_itself()
    {
        var problem = await PostAsync("this is not a C3D file"u8.ToArray());

        Assert.Equal("Not a readable C3D file", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("Not a readable C3D file", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonElement> PostAsync(byte[] bytes)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "recording.c3d" } };
        using var response = await upload.Client.PostAsync("/upload", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// One headless Chromium (<see cref="HeadlessChromium"/>) and one real server (<see cref="BrowserServerFixture"/>, SQLite)
/// holding the three real recordings under two patients and one failed upload, shared by every browser test.
/// Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class DashboardFixture() : BrowserServerFixture("emgs-browser-db")
{
    public const string Chromium = HeadlessChromium.Executable;
    public const string LongKey = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";
    public const string FailedKey = "P006/session9/Ghostly_Emg_20230321_18-00-00-0001.c3d";

    private HeadlessChromium? _chromium;

    public IBrowser Browser => _chromium!.Browser;

    /// <summary>The session of the 175 s recording.</summary>
    public Guid LongSession { get; private set; }

    public Guid FailedSession { get; private set; }

    public IReadOnlyList<Guid> Sessions { get; private set; } = [];

    public static string ScreenshotDirectory => Path.Combine(TestFiles.RepositoryRoot, "artifacts", "screenshots");

    /// <summary>A new page at 1280×800 that records the URLs it fetches.</summary>
    public async Task<(IPage Page, List<string> Requests)> OpenAsync(string path)
    {
        var page = await HeadlessChromium.NewPageAsync(Browser.DefaultContext);
        var requests = new List<string>();
        page.Request += (_, e) =>
        {
            lock (requests)
            {
                requests.Add(e.Request.Url);
            }
        };
        var response = await page.GoToAsync(new Uri(Address, path).ToString(), WaitUntilNavigation.Load);
        Assert.True(response.Ok, $"{path} answered {(int)response.Status}");
        return (page, requests);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(Path.Combine(ScreenshotDirectory, name + ".png"), new ScreenshotOptions { FullPage = true });

    public override async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override async Task SeedAsync()
    {
        HeadlessChromium.RequireInstalled();
        var ids = await IngestAsync(
            (LongKey, TestFiles.Ghostly0881),
            ("P005/session2/Ghostly_Emg_20230321_17-23-09-0409.c3d", TestFiles.Ghostly0409),
            ("P007/session1/Ghostly_Emg_20250310_11-46-23-0823.c3d", TestFiles.Ghostly0823));

        var cut = (await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0409)))[..700];
        await Server.PutAsync(FailedKey, cut);
        FailedSession = (await Server.SendWebhookAsync(FailedKey, cut.Length)).GetProperty("processing_id").GetGuid();
        Assert.Equal(SessionStatus.Failed, (await Server.WaitForOutcomeAsync(FailedSession))[^1]);
        LongSession = ids[0];
        Sessions = [.. ids, FailedSession];

        _chromium = await HeadlessChromium.LaunchAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard in Chromium";
}

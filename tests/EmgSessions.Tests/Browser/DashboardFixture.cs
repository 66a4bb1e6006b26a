using EmgSessions.Core.Stores;
using EmgSessions.Testing;
using EmgSessions.Testing.Databases;
using EmgSessions.Tests.EndToEnd;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, /usr/bin/chromium, installed by test.sh) and one real server (the host of
/// <c>emgs serve</c> on Kestrel, 127.0.0.1, SQLite) holding the three real recordings under two patients and one
/// failed upload, shared by every browser test. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string LongKey = "P005/session1/Ghostly_Emg_20230321_17-50-17-0881.c3d";
    public const string FailedKey = "P006/session9/Ghostly_Emg_20230321_18-00-00-0001.c3d";

    private TestDatabase _database = null!;
    private string _profile = null!;

    internal EndToEndServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address => Server.Client.BaseAddress!;

    /// <summary>The session of the 175 s recording.</summary>
    public Guid LongSession { get; private set; }

    public Guid FailedSession { get; private set; }

    public IReadOnlyList<Guid> Sessions { get; private set; } = [];

    public static string ScreenshotDirectory => Path.Combine(TestFiles.RepositoryRoot, "artifacts", "screenshots");

    /// <summary>The server's database, for a second host with sign-in on the same data (the fixture's own stays open to the local user).</summary>
    internal string DatabaseSpec => _database.Spec;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {Chromium}: run ./test.sh (it installs the 'chromium' package when root) or 'apt-get install chromium'.");
        }

        _database = await TestDatabase.CreateSqliteAsync("emgs-browser-db");
        Server = await EndToEndServer.StartAsync(_database.Spec);
        var ids = new List<Guid>();
        foreach (var (key, stem) in new[]
        {
            (LongKey, TestFiles.Ghostly0881),
            ("P005/session2/Ghostly_Emg_20230321_17-23-09-0409.c3d", TestFiles.Ghostly0409),
            ("P007/session1/Ghostly_Emg_20250310_11-46-23-0823.c3d", TestFiles.Ghostly0823),
        })
        {
            var bytes = await File.ReadAllBytesAsync(TestFiles.Sample(stem));
            await Server.PutAsync(key, bytes);
            var id = (await Server.SendWebhookAsync(key, bytes.Length)).GetProperty("processing_id").GetGuid();
            Assert.Equal(SessionStatus.Completed, (await Server.WaitForOutcomeAsync(id))[^1]);
            await Server.WaitForScoreAsync(id); // pages compare their scores with the API's: both see the stored score
            ids.Add(id);
        }

        var cut = (await File.ReadAllBytesAsync(TestFiles.Sample(TestFiles.Ghostly0409)))[..700];
        await Server.PutAsync(FailedKey, cut);
        FailedSession = (await Server.SendWebhookAsync(FailedKey, cut.Length)).GetProperty("processing_id").GetGuid();
        Assert.Equal(SessionStatus.Failed, (await Server.WaitForOutcomeAsync(FailedSession))[^1]);
        LongSession = ids[0];
        Sessions = [.. ids, FailedSession];

        _profile = Directory.CreateTempSubdirectory("emgs-chromium-").FullName;
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            UserDataDir = _profile,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A new page at 1280×800 that records the URLs it fetches.</summary>
    public async Task<(IPage Page, List<string> Requests)> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800 });
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

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            Browser.Dispose();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard in Chromium";
}

using System.Diagnostics;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// Debian's Chromium as every browser test starts it: where it is (/usr/bin/chromium, installed by test.sh), one set of
/// headless switches, a throwaway profile folder per start (deleted afterwards), pages at 1280×800, and printing a page to
/// PDF with Chromium's own printer. An instance is one Chromium driven by Puppeteer; disposing it closes Chromium and
/// deletes its profile.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>The switches of every start: headless, no sandbox (root in CI), nothing fetched from outside the machine.</summary>
    private static readonly string[] Switches =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly string _profile;

    private HeadlessChromium(IBrowser browser, string profile)
    {
        Browser = browser;
        _profile = profile;
    }

    public IBrowser Browser { get; }

    /// <summary>Fails with what to do when Chromium is not installed (before anything slow is started).</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {Executable}: run ./test.sh (it installs the 'chromium' package when root) or 'apt-get install chromium'.");
        }
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        RequireInstalled();
        var profile = NewProfile();
        try
        {
            var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                UserDataDir = profile,
                Args = Switches,
            });
            return new HeadlessChromium(browser, profile);
        }
        catch
        {
            DeleteProfile(profile);
            throw;
        }
    }

    /// <summary>A new page of <paramref name="context"/> at 1280×800.</summary>
    public static async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 800 });
        return page;
    }

    /// <summary>Chromium's own print to PDF (A4 from the page's @page rule), waiting for the process to end, at most two minutes.</summary>
    public static async Task PrintToPdfAsync(Uri url, string pdf)
    {
        RequireInstalled();
        var profile = NewProfile();
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in Switches.Concat([$"--user-data-dir={profile}", "--no-pdf-header-footer", $"--print-to-pdf={pdf}", url.ToString()]))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(File.Exists(pdf), $"Chromium wrote no PDF (exit {process.ExitCode}): {await output} {await error}");
        }
        finally
        {
            DeleteProfile(profile);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        Browser.Dispose();
        DeleteProfile(_profile);
    }

    private static string NewProfile() => Directory.CreateTempSubdirectory("emgs-chromium-").FullName;

    private static void DeleteProfile(string profile)
    {
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its last files; the temp folder is cleaned by the system.
        }
    }
}

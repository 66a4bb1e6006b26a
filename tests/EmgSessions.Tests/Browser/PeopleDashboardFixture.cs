using EmgSessions.Core.Access;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores.People;
using EmgSessions.Testing;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace EmgSessions.Tests.Browser;

/// <summary>
/// A second real server (the host of <c>emgs serve</c>, SQLite) where sign-in is on: an admin, therapists A and B, a
/// researcher; patient P005 (a recognisable name and date of birth) belongs to A, P007 to nobody; one real recording of
/// each patient processed through both phases. Browsers sign in through the sign-in page, each in its own browser
/// context (its own cookies), on the shared Chromium of <see cref="DashboardFixture"/>.
/// </summary>
public sealed class PeopleDashboardFixture() : BrowserServerFixture("emgs-browser-people")
{
    public const string Password = "a long enough test password";
    public const string Admin = "admin@example.org";
    public const string TherapistA = "anna.therapist@example.org";
    public const string TherapistB = "bert.therapist@example.org";
    public const string Researcher = "researcher@example.org";
    public const string FirstName = "Zebulon";
    public const string LastName = "Quixotery";
    public const string BornText = "1951-07-19";

    /// <summary>P005's session (therapist A's patient).</summary>
    public Guid OwnSession { get; private set; }

    /// <summary>P007's session (no therapist).</summary>
    public Guid UnassignedSession { get; private set; }

    public Guid TherapistAId { get; private set; }

    /// <summary>A page at 1280×800 in a new browser context signed in as <paramref name="email"/> through the sign-in page.</summary>
    public async Task<SignedInPage> SignInAsync(IBrowser browser, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.CreateBrowserContextAsync();
        var page = await SignedInPage.SignInAsync(context, Address, email, password);
        return new SignedInPage(context, page, Address);
    }

    protected override async Task SeedAsync()
    {
        var ids = await IngestAsync(
            ("P005/session2/Ghostly_Emg_20230321_17-23-09-0409.c3d", TestFiles.Ghostly0409),
            ("P007/session1/Ghostly_Emg_20250310_11-46-23-0823.c3d", TestFiles.Ghostly0823));
        (OwnSession, UnassignedSession) = (ids[0], ids[1]);
        var accounts = Server.Services.GetRequiredService<AccountAdministration>();
        var setUp = Actor.Machine("browser-test-set-up");
        await accounts.AddAsync(setUp, Admin, Role.Admin, Password, null, null, null, null, CancellationToken.None);
        TherapistAId = (await accounts.AddAsync(setUp, TherapistA, Role.Therapist, Password, null, "Anna", "Therapist", null, CancellationToken.None)).User.TherapistId!.Value;
        await accounts.AddAsync(setUp, TherapistB, Role.Therapist, Password, null, "Bert", "Therapist", null, CancellationToken.None);
        await accounts.AddAsync(setUp, Researcher, Role.Researcher, Password, null, null, null, null, CancellationToken.None);
        var patients = Server.Services.GetRequiredService<IPatientStore>();
        await patients.CreatePatientAsync(new NewPatient("P005", TherapistAId, FirstName, LastName, DateOnly.Parse(BornText, System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
        await patients.CreatePatientAsync(new NewPatient("P007", null, "Yolanda", "Xerxesson", new DateOnly(1948, 2, 3)), CancellationToken.None);
    }
}

/// <summary>A signed-in page and its own browser context (closed with it).</summary>
public sealed class SignedInPage(IBrowserContext context, IPage page, Uri address) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>A page at 1280×800 of <paramref name="context"/>, signed in through the dashboard's sign-in page at <paramref name="address"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, Uri address, string email, string password)
    {
        var page = await HeadlessChromium.NewPageAsync(context);
        await page.GoToAsync(new Uri(address, "/sign-in").ToString(), WaitUntilNavigation.Load);
        await page.TypeAsync("#email", email);
        await page.TypeAsync("#password", password);
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("form.sign-in button[type=submit]"));
        Assert.Equal(email, (await page.EvaluateExpressionAsync<string>("document.getElementById('signed-in-as')?.firstChild?.textContent ?? ''")).Trim());
        return page;
    }

    /// <summary>Opens <paramref name="path"/> and answers the response (its status is the server's).</summary>
    public Task<IResponse> GoAsync(string path) => Page.GoToAsync(new Uri(address, path).ToString(), WaitUntilNavigation.Load);

    /// <summary>A JSON route read with this browser's cookies, as a script of the page would.</summary>
    public async Task<(int Status, string Body)> FetchAsync(string path)
    {
        var result = await Page.EvaluateFunctionAsync<System.Text.Json.JsonElement>(
            "async p => { const r = await fetch(p); return { status: r.status, body: await r.text() }; }", path);
        return (result.GetProperty("status").GetInt32(), result.GetProperty("body").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await context.CloseAsync();
    }
}

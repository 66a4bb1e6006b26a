using System.Net;
using System.Text.RegularExpressions;
using EmgSessions.Core.Access;
using EmgSessions.Core.Stores;
using EmgSessions.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// The dashboard's sign-in page over real HTTP on the real host: a browser without a session is sent to it with its
/// return address, the page's form (with its antiforgery token) signs in and returns, a refused sign-in comes back
/// to the page which says why, the header names the signed-in account with a sign-out button, and API routes keep
/// answering 401.
/// </summary>
public sealed partial class DashboardSignInTests : IAsyncLifetime
{
    private const string Email = "therapist@example.org";
    private AuthTestServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthTestServer.StartWithTherapistAsync("emgs-dash-signin", Email);

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task A_browser_without_a_session_asking_for_a_page_is_sent_to_the_sign_in_page_with_its_return_address()
    {
        using var client = _server.Client();

        using var page = await client.GetAsync("/sessions?status=failed");
        using var overview = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/sign-in?return_url=%2Fsessions%3Fstatus%3Dfailed", page.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.Equal("/sign-in", overview.Headers.Location?.ToString());
    }

    [Fact]
    public async Task An_api_route_without_a_session_still_answers_401_and_is_not_redirected()
    {
        using var client = _server.Client();
        client.DefaultRequestHeaders.Add("Accept", "text/html");

        using var response = await client.GetAsync("/api/sessions/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Signing_in_through_the_page_returns_to_the_page_asked_for_and_the_header_names_the_account_and_its_role()
    {
        using var client = _server.Client();
        var form = await SignInFormAsync(client, "/sign-in?return_url=%2Fsessions");

        using var signedIn = await PostAsync(client, "/api/auth/sign-in", form, new() { ["email"] = Email, ["password"] = AuthTestServer.Password });
        var session = AuthTestServer.CookieHeader(signedIn, "emgs.session");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sessions");
        request.Headers.Add("Cookie", session + "; " + form.Cookie);
        using var sessions = await client.SendAsync(request);
        var html = await sessions.Content.ReadAsStringAsync();

        Assert.Equal("/sessions", form.ReturnUrl);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/sessions", signedIn.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        Assert.Contains("therapist@example.org <span class=\"role\">(therapist)</span>", html, StringComparison.Ordinal);
        Assert.Contains("Sign out</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_out_button_ends_the_session_and_lands_on_the_sign_in_page()
    {
        var session = await _server.SessionAsync(Email);
        using var client = _server.Client();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/sessions");
        page.Headers.Add("Cookie", session.Cookies);
        using var sessions = await client.SendAsync(page);
        var html = await sessions.Content.ReadAsStringAsync();
        var token = TokenField().Match(html).Groups[1].Value;

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-out")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["return_url"] = "/sign-in" }),
        };
        signOut.Headers.Add("Cookie", session.Cookies);
        using var signedOut = await client.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/sign-in", signedOut.Headers.Location?.ToString());
        var cleared = Assert.Single(signedOut.Headers.GetValues("Set-Cookie"), v => v.StartsWith("emgs.session=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_returns_to_the_page_which_says_the_email_or_password_is_wrong()
    {
        using var client = _server.Client();
        var form = await SignInFormAsync(client, "/sign-in?return_url=%2Fpatients%2FP001");

        using var refused = await PostAsync(client, "/api/auth/sign-in", form, new() { ["email"] = Email, ["password"] = "not the password" });
        var message = await MessageAsync(client, refused);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/sign-in?error=wrong&return_url=%2Fpatients%2FP001", refused.Headers.Location?.ToString());
        Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], v => v.StartsWith("emgs.session=", StringComparison.Ordinal));
        Assert.Equal("The email or the password is wrong. Check both and try again.", message);
    }

    [Fact]
    public async Task A_locked_account_returns_to_the_page_which_says_how_long_to_wait()
    {
        using var client = _server.Client();
        var form = await SignInFormAsync(client, "/sign-in");
        for (var i = 0; i < 5; i++)
        {
            (await PostAsync(client, "/api/auth/sign-in", form, new() { ["email"] = Email, ["password"] = "wrong " + i })).Dispose();
        }

        using var locked = await PostAsync(client, "/api/auth/sign-in", form, new() { ["email"] = Email, ["password"] = AuthTestServer.Password });
        var message = await MessageAsync(client, locked);

        Assert.Equal("/sign-in?error=locked&retry_after=60", locked.Headers.Location?.ToString());
        Assert.Equal("Too many failed sign-ins: this account is locked. Try again in 60 seconds, or ask an admin to reset the password.", message);
    }

    [Fact]
    public async Task A_disabled_account_returns_to_the_page_which_says_to_ask_an_admin()
    {
        var account = await _server.Accounts.FindByEmailAsync(Email, CancellationToken.None);
        _server.Accounts.Disable(account!.Id);
        using var client = _server.Client();
        var form = await SignInFormAsync(client, "/sign-in");

        using var refused = await PostAsync(client, "/api/auth/sign-in", form, new() { ["email"] = Email, ["password"] = AuthTestServer.Password });
        var message = await MessageAsync(client, refused);

        Assert.Equal("/sign-in?error=disabled", refused.Headers.Location?.ToString());
        Assert.Equal("This account is disabled. Ask an admin to enable it.", message);
    }

    [Fact]
    public async Task A_form_whose_antiforgery_token_is_missing_returns_to_the_page_which_asks_to_sign_in_again()
    {
        using var client = _server.Client();
        var form = await SignInFormAsync(client, "/sign-in");

        using var refused = await PostAsync(client, "/api/auth/sign-in", form with { Token = "forged" }, new() { ["email"] = Email, ["password"] = AuthTestServer.Password });
        var message = await MessageAsync(client, refused);

        Assert.Equal("/sign-in?error=expired", refused.Headers.Location?.ToString());
        Assert.Equal("The sign-in form had expired. Enter your email and password again.", message);
    }

    [Fact]
    public async Task The_sign_in_page_drops_a_return_address_on_another_site()
    {
        using var client = _server.Client();

        var form = await SignInFormAsync(client, "/sign-in?return_url=%2F%2Fevil.example%2F");

        Assert.Equal("/", form.ReturnUrl);
    }

    [Fact]
    public void The_sign_in_page_is_public_by_design_and_the_other_pages_need_the_sessions_permission()
    {
        var pages = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .ToDictionary(e => e.RoutePattern.RawText!, e => (Public: e.Metadata.GetMetadata<IAllowAnonymous>() is not null, e.Metadata.GetMetadata<RequiredPermission>()?.Permission));

        Assert.Equal((true, (string?)null), pages["/sign-in"]);
        Assert.Equal((false, Permissions.SessionsRead), pages["/sessions"]);
        Assert.Equal((false, Permissions.SessionsRead), pages["/"]);
    }

    [Fact]
    public async Task A_therapist_gets_the_not_found_page_for_a_session_of_a_patient_not_theirs_and_does_not_list_it_while_an_admin_sees_it()
    {
        _server.AddAccount("admin@example.org", Role.Admin);
        var registered = await _server.Services.GetRequiredService<ISessionStore>().RegisterUploadAsync(
            new NewSession("c3d-examples/P001/Ghostly_Emg_20230321_17-50-17-0881.c3d", new string('a', 64), 1024, "Ghostly_Emg_20230321_17-50-17-0881.c3d", "P001", null, null, "{}"),
            CancellationToken.None);
        var id = registered.SessionId;
        var therapist = await _server.SessionAsync(Email);
        var admin = await _server.SessionAsync("admin@example.org");

        var (therapistPage, _) = await GetPageAsync("/sessions/" + id, therapist);
        var (_, therapistList) = await GetPageAsync("/sessions", therapist);
        var (adminPage, adminHtml) = await GetPageAsync("/sessions/" + id, admin);
        var (_, adminList) = await GetPageAsync("/sessions", admin);

        Assert.Equal(HttpStatusCode.NotFound, therapistPage);
        Assert.DoesNotContain(id.ToString(), therapistList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adminPage);
        Assert.Contains("P001", adminHtml, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), adminList, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string path, CookieSession session)
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", session.Cookies);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<SignInForm> SignInFormAsync(HttpClient client, string address)
    {
        using var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("action=\"/api/auth/sign-in\"", html, StringComparison.Ordinal);
        var token = TokenField().Match(html);
        var returnUrl = ReturnField().Match(html);
        Assert.True(token.Success, "The sign-in page carries no antiforgery token.");
        Assert.True(returnUrl.Success, "The sign-in page carries no return address.");
        return new SignInForm(
            WebUtility.HtmlDecode(token.Groups[1].Value),
            WebUtility.HtmlDecode(returnUrl.Groups[1].Value),
            AuthTestServer.CookieHeader(response, "emgs.antiforgery"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, SignInForm form, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = form.Token;
        fields["page"] = "sign-in";
        fields["return_url"] = form.ReturnUrl;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", form.Cookie);
        return await client.SendAsync(request);
    }

    /// <summary>Follows a refused sign-in back to the page and reads what it says.</summary>
    private static async Task<string> MessageAsync(HttpClient client, HttpResponseMessage refused)
    {
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        using var page = await client.GetAsync(refused.Headers.Location);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{page.StatusCode} {page.Headers.Location}");
        var html = await page.Content.ReadAsStringAsync();
        var alert = Alert().Match(html);
        Assert.True(alert.Success, "The sign-in page shows no message.");
        return WebUtility.HtmlDecode(alert.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"return_url\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnField();

    [GeneratedRegex("id=\"sign-in-error\">([^<]+)<")]
    private static partial Regex Alert();

    private sealed record SignInForm(string Token, string ReturnUrl, string Cookie);
}

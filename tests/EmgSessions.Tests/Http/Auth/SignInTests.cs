using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EmgSessions.Tests.Http.Auth;

/// <summary>
/// Local accounts over real HTTP: sign-in (JSON and form), lockout with a growing delay on a fake clock, the same
/// hashing work for an unknown email and a wrong password, password change, sign-out, disabled accounts, the cookie's
/// attributes and antiforgery.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string Email = "therapist@example.org";
    private AuthTestServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthTestServer.StartWithTherapistAsync("emgs-signin", Email);

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task Fifty_wrong_passwords_lock_the_account_and_the_right_one_is_refused_until_the_lock_lifts()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var wrong = await _server.SignInAsync(Email, "wrong password " + i);
            statuses.Add(wrong.StatusCode);
        }

        using var rightWhileLocked = await _server.SignInAsync(Email, AuthTestServer.Password);
        _server.Clock.Advance(TimeSpan.FromSeconds(59));
        using var rightJustBefore = await _server.SignInAsync(Email, AuthTestServer.Password);
        _server.Clock.Advance(TimeSpan.FromSeconds(2));
        using var rightAfter = await _server.SignInAsync(Email, AuthTestServer.Password);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), statuses.Take(4));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 46), statuses.Skip(4));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightWhileLocked.StatusCode);
        Assert.Equal("60", rightWhileLocked.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, rightJustBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, rightAfter.StatusCode);
    }

    [Fact]
    public async Task Each_failure_after_a_lock_lifts_doubles_the_delay()
    {
        for (var i = 0; i < 5; i++)
        {
            (await _server.SignInAsync(Email, "wrong")).Dispose();
        }

        _server.Clock.Advance(TimeSpan.FromSeconds(61));
        using var sixth = await _server.SignInAsync(Email, "wrong");
        _server.Clock.Advance(TimeSpan.FromSeconds(119));
        using var rightTooEarly = await _server.SignInAsync(Email, AuthTestServer.Password);
        _server.Clock.Advance(TimeSpan.FromSeconds(2));
        using var right = await _server.SignInAsync(Email, AuthTestServer.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal("120", sixth.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, rightTooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_do_the_same_hashing_work_and_get_the_same_answer()
    {
        var before = _server.Hasher.Verifications;
        using var unknown = await _server.SignInAsync("nobody@example.org", "whatever password");
        var afterUnknown = _server.Hasher.Verifications;
        using var wrong = await _server.SignInAsync(Email, "whatever password");
        var afterWrong = _server.Hasher.Verifications;

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterWrong - afterUnknown);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknownBody = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var wrongBody = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(unknownBody.GetProperty("title").GetString(), wrongBody.GetProperty("title").GetString());
        Assert.Equal(unknownBody.GetProperty("detail").GetString(), wrongBody.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_and_not_secure_over_loopback_http()
    {
        using var response = await _server.SignInAsync(Email, AuthTestServer.Password);

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("emgs.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Me_names_the_signed_in_account_and_its_role()
    {
        var session = await _server.SessionAsync(Email);
        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", session.Cookies);
        using var response = await client.SendAsync(request);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Email, me.GetProperty("email").GetString());
        Assert.Equal("therapist", me.GetProperty("role").GetString());
        Assert.Equal("cookie", me.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_the_old_one_stops_working()
    {
        var session = await _server.SessionAsync(Email);
        const string newPassword = "a much longer new password";

        using var wrongCurrent = await ChangePasswordAsync(session, "not the password", newPassword);
        using var tooShort = await ChangePasswordAsync(session, AuthTestServer.Password, "short");
        using var changed = await ChangePasswordAsync(session, AuthTestServer.Password, newPassword);
        using var oldPassword = await _server.SignInAsync(Email, AuthTestServer.Password);
        using var newOne = await _server.SignInAsync(Email, newPassword);

        Assert.Equal(HttpStatusCode.Forbidden, wrongCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("new_password", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, newOne.StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_session_and_refuses_its_right_password()
    {
        var session = await _server.SessionAsync(Email);
        var account = await _server.Accounts.FindByEmailAsync(Email, CancellationToken.None);
        _server.Accounts.Disable(account!.Id);

        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions/");
        request.Headers.Add("Cookie", session.Cookies);
        using var afterDisable = await client.SendAsync(request);
        using var signIn = await _server.SignInAsync(Email, AuthTestServer.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.Contains("disabled", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_with_the_antiforgery_token_clears_the_cookie_and_without_it_is_refused()
    {
        var session = await _server.SessionAsync(Email);
        using var client = _server.Client();
        using var withoutToken = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-out");
        withoutToken.Headers.Add("Cookie", session.Cookies);
        using var refused = await client.SendAsync(withoutToken);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-out");
        withToken.Headers.Add("Cookie", session.Cookies);
        withToken.Headers.Add("X-CSRF-TOKEN", session.AntiforgeryToken);
        using var signedOut = await client.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        var cleared = Assert.Single(signedOut.Headers.GetValues("Set-Cookie"), v => v.StartsWith("emgs.session=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_sign_in_form_needs_the_antiforgery_token_and_then_redirects_to_its_local_return_address()
    {
        using var client = _server.Client();
        using var tokenResponse = await client.GetAsync("/api/auth/antiforgery");
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var antiforgeryCookie = AuthTestServer.CookieHeader(tokenResponse, "emgs.antiforgery");
        var fields = new Dictionary<string, string> { ["email"] = Email, ["password"] = AuthTestServer.Password, ["return_url"] = "/dashboard" };

        using var withoutToken = await client.PostAsync("/api/auth/sign-in", new FormUrlEncodedContent(fields));
        using var external = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["return_url"] = "//evil.example" }),
        };
        external.Headers.Add("Cookie", antiforgeryCookie);
        using var notRedirected = await client.SendAsync(external);
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }),
        };
        form.Headers.Add("Cookie", antiforgeryCookie);
        using var signedIn = await client.SendAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, notRedirected.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/dashboard", signedIn.Headers.Location?.ToString());
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), v => v.StartsWith("emgs.session=", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> ChangePasswordAsync(CookieSession session, string current, string next)
    {
        using var client = _server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password")
        {
            Content = JsonContent.Create(new { current_password = current, new_password = next }),
        };
        request.Headers.Add("Cookie", session.Cookies);
        request.Headers.Add("X-CSRF-TOKEN", session.AntiforgeryToken);
        return await client.SendAsync(request);
    }
}

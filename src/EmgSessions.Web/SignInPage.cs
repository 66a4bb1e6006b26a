using System.Globalization;

namespace EmgSessions.Web;

/// <summary>
/// The sign-in page's contract with the sign-in route: the page posts a form carrying <see cref="FormMarker"/>, and a
/// refused sign-in comes back to <see cref="Path"/> with an <c>error</c> code this class turns into a sentence.
/// </summary>
internal static class SignInPage
{
    public const string Path = "/sign-in";

    /// <summary>Form field <c>page</c> with this value: the post came from the sign-in page, so failures return to it.</summary>
    public const string FormMarker = "sign-in";

    public const string WrongPassword = "wrong";
    public const string LockedOut = "locked";
    public const string Disabled = "disabled";
    public const string Expired = "expired";
    public const string Missing = "missing";

    /// <summary>The address of the page for a refused sign-in (or, with no error, for a visitor going to <paramref name="returnUrl"/>).</summary>
    public static string Address(string? returnUrl, string? error = null, int? retryAfterSeconds = null)
    {
        var query = new List<string>();
        if (error is not null)
        {
            query.Add("error=" + Uri.EscapeDataString(error));
        }

        if (retryAfterSeconds is { } seconds)
        {
            query.Add("retry_after=" + seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (IsLocal(returnUrl) && returnUrl != "/")
        {
            query.Add("return_url=" + Uri.EscapeDataString(returnUrl!));
        }

        return query.Count == 0 ? Path : Path + "?" + string.Join('&', query);
    }

    /// <summary>What the page says for an error code; null for none or an unknown code.</summary>
    public static string? Message(string? error, int? retryAfterSeconds) => error switch
    {
        WrongPassword => "The email or the password is wrong. Check both and try again.",
        LockedOut => retryAfterSeconds is { } s
            ? $"Too many failed sign-ins: this account is locked. Try again in {s} seconds, or ask an admin to reset the password."
            : "Too many failed sign-ins: this account is locked. Try again later, or ask an admin to reset the password.",
        Disabled => "This account is disabled. Ask an admin to enable it.",
        Expired => "The sign-in form had expired. Enter your email and password again.",
        Missing => "Enter both your email and your password.",
        _ => null,
    };

    /// <summary>A path on this server (<c>/x</c>), never <c>//host</c> or <c>/\host</c>, which browsers treat as another site.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}

namespace EmgSessions.Http.Auth;

/// <summary>The authentication scheme names. <see cref="Default"/> picks one of the others per request.</summary>
internal static class AuthSchemes
{
    /// <summary>The policy scheme every request goes through (see <see cref="AuthRegistration"/>).</summary>
    public const string Default = "emgs";

    /// <summary><c>Authorization: Bearer &lt;API key&gt;</c>: a machine.</summary>
    public const string ApiKey = "api-key";

    /// <summary>The session cookie of a local account signed in with email and password.</summary>
    public const string Cookie = "cookie";

    /// <summary><c>Authorization: Bearer &lt;Supabase access token&gt;</c>, when Supabase Auth is configured.</summary>
    public const string Supabase = "supabase";

    /// <summary>The zero-set-up local user (loopback, no users, no API keys, no Supabase).</summary>
    public const string Local = "local";
}

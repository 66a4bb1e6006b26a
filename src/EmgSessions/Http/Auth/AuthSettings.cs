using EmgSessions.Core.Access;

namespace EmgSessions.Http.Auth;

/// <summary>
/// The sign-in settings of one server: Supabase Auth (<c>Supabase:Url</c> / <c>EMGS_SUPABASE_URL</c>,
/// <c>Supabase:JwtSecret</c> / <c>EMGS_SUPABASE_JWT_SECRET</c>, <c>Supabase:Audience</c>) and the local accounts'
/// cookie session (<c>Auth:SessionHours</c>, sliding) and lockout (<c>Auth:LockoutFreeFailures</c>,
/// <c>Auth:LockoutFirstDelaySeconds</c>, <c>Auth:LockoutMaxDelaySeconds</c>).
/// </summary>
internal sealed class AuthSettings
{
    public const string Section = "Auth";
    public const string SupabaseSection = "Supabase";

    public double SessionHours { get; set; } = 8;

    public int LockoutFreeFailures { get; set; } = LockoutPolicy.Default.FreeFailures;

    public double LockoutFirstDelaySeconds { get; set; } = LockoutPolicy.Default.FirstDelay.TotalSeconds;

    public double LockoutMaxDelaySeconds { get; set; } = LockoutPolicy.Default.MaxDelay.TotalSeconds;

    /// <summary>Set from the <c>Supabase</c> section; null when Supabase sign-in is not configured.</summary>
    public SupabaseAuthOptions? Supabase { get; set; }

    public bool SupabaseEnabled => Supabase is not null;

    public LockoutPolicy Lockout => new(LockoutFreeFailures, TimeSpan.FromSeconds(LockoutFirstDelaySeconds), TimeSpan.FromSeconds(LockoutMaxDelaySeconds));

    /// <summary>What is wrong with these settings, as messages for the operator; empty when usable.</summary>
    public IEnumerable<string> Check()
    {
        if (SessionHours is <= 0 or > 24 * 30)
        {
            yield return "Auth:SessionHours must be between 0 and 720 (hours a signed-in browser stays signed in without activity).";
        }

        if (LockoutFreeFailures < 1 || LockoutFirstDelaySeconds <= 0 || LockoutMaxDelaySeconds < LockoutFirstDelaySeconds)
        {
            yield return "Auth:Lockout* must give at least 1 free failure and a first delay that is positive and not above the maximum delay.";
        }

        foreach (var problem in Supabase?.Check() ?? [])
        {
            yield return problem;
        }
    }
}

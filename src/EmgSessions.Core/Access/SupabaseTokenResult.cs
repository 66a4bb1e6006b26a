namespace EmgSessions.Core.Access;

/// <summary>Either the token's <see cref="Identity"/> or why it was refused (<see cref="Rejection"/>, safe to log).</summary>
internal sealed record SupabaseTokenResult(SupabaseIdentity? Identity, string? Rejection)
{
    public bool IsValid => Identity is not null;

    public static SupabaseTokenResult Rejected(string reason) => new(null, reason);
}

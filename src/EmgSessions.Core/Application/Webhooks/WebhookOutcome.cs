using EmgSessions.Core.Webhooks;

namespace EmgSessions.Core.Application.Webhooks;

/// <summary>
/// How a storage webhook ended (system.md §3.2, §3.3): a closed set of cases, one per answer a transport gives.
/// Messages are as the parts produced them; a transport redacts server paths before showing them.
/// </summary>
internal abstract record WebhookOutcome
{
    private WebhookOutcome()
    {
    }

    /// <summary>The body is longer than <paramref name="LimitBytes"/>; nothing was authenticated or parsed.</summary>
    public sealed record TooLarge(long LimitBytes) : WebhookOutcome;

    /// <summary>The credential is missing, wrong, expired or replayed (<paramref name="Reason"/>); nothing was parsed.</summary>
    public sealed record Unauthorized(WebhookAuthOutcome Reason) : WebhookOutcome;

    /// <summary>The body is not JSON.</summary>
    public sealed record Malformed(string Message) : WebhookOutcome;

    /// <summary>JSON of neither format, missing or ill-typed fields, or an unsafe key: <paramref name="Errors"/> per field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors, string Message) : WebhookOutcome;

    /// <summary>Not for us (a DELETE, an event type we do not handle, a non-C3D file): acknowledged, nothing done.</summary>
    public sealed record Ignored(string Message) : WebhookOutcome;

    /// <summary>
    /// For us but not stored (an unknown bucket, a size of zero or above the limit, an object missing in storage);
    /// <paramref name="Ingestion"/> names Phase 1's outcome when Phase 1 ran.
    /// </summary>
    public sealed record Refused(string Message, string? Ingestion = null) : WebhookOutcome;

    /// <summary>
    /// A session answers for the object: created, already registered, overwritten, or the same content under
    /// <paramref name="OriginalPath"/> (a duplicate). <paramref name="Ingestion"/> names which.
    /// </summary>
    public sealed record Accepted(Guid SessionId, string Message, string Ingestion, string? OriginalPath) : WebhookOutcome;

    /// <summary>The database or the storage could not answer, or the server is stopping: worth sending again later.</summary>
    public sealed record Unavailable(string Message) : WebhookOutcome;
}

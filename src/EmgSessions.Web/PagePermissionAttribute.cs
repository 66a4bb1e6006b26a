namespace EmgSessions.Web;

/// <summary>
/// The permission a dashboard page needs instead of the dashboard's own (<c>sessions.read</c>): the host's
/// <c>RequirePermissionUnlessPublic</c> reads it from the page's endpoint, so a caller without it is refused (403)
/// before the page renders, like an API route.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class PagePermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}

using Microsoft.AspNetCore.Builder;

namespace EmgSessions.Http;

/// <summary>How a route says which permission it needs: <c>.RequirePermission(Permissions.SessionsRead)</c>.</summary>
internal static class EndpointPermissionExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        return builder.WithMetadata(new RequiredPermission(permission));
    }

    /// <summary>
    /// <see cref="RequirePermission"/> for every endpoint of a group except those public by design (marked
    /// <c>[AllowAnonymous]</c>, e.g. the dashboard's sign-in page), so each carries exactly one of the two. A dashboard
    /// page that names its own permission (<see cref="Web.PagePermissionAttribute"/>, e.g. the admin page) gets that one.
    /// </summary>
    public static TBuilder RequirePermissionUnlessPublic<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        builder.Add(endpoint =>
        {
            if (!endpoint.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
            {
                var own = endpoint.Metadata.OfType<Web.PagePermissionAttribute>().FirstOrDefault()?.Permission;
                endpoint.Metadata.Add(new RequiredPermission(own ?? permission));
            }
        });
        return builder;
    }
}

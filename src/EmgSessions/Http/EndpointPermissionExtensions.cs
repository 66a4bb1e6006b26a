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
}

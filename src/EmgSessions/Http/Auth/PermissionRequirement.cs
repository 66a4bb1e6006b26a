using Microsoft.AspNetCore.Authorization;

namespace EmgSessions.Http.Auth;

/// <summary>
/// The one requirement of the fallback policy: the route's <see cref="RequiredPermission"/> metadata, decided by
/// <see cref="Core.Access.AccessRules.Decide"/> for the caller (<see cref="PermissionAuthorizationHandler"/>).
/// </summary>
internal sealed class PermissionRequirement : IAuthorizationRequirement
{
    public static PermissionRequirement Instance { get; } = new();
}

namespace EmgSessions.Http;

/// <summary>
/// Endpoint metadata naming the <see cref="Core.Access.Permissions"/> entry a route needs. Every mapped route
/// carries one (or <c>AllowAnonymous</c> for the few public ones); the authorization layer enforces it and the
/// role × route matrix test reads it from the endpoint data source.
/// </summary>
internal sealed record RequiredPermission(string Permission);

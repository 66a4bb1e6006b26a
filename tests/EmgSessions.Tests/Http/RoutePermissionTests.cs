using EmgSessions.Http;
using EmgSessions.Tests.EndToEnd;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Tests.Http;

/// <summary>The routes served by the application layer say which permission they need (access.md §1).</summary>
public sealed class RoutePermissionTests
{
    [Fact]
    public async Task Session_cache_upload_and_status_routes_name_their_permission_and_the_webhook_is_public_by_design()
    {
        await using var server = await EndToEndServer.StartAsync(null, new Dictionary<string, string?> { ["Workers:Count"] = "0" });
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .ToDictionary(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}", StringComparer.Ordinal);

        Assert.Equal("sessions.read", Permission(routes["GET /api/sessions/"]));
        Assert.Equal("sessions.read", Permission(routes["GET /api/sessions/{id}"]));
        Assert.Equal("sessions.read", Permission(routes["GET /api/sessions/{id}/analytics"]));
        Assert.Equal("sessions.reprocess", Permission(routes["POST /api/sessions/{id}/reprocess"]));
        Assert.Equal("sessions.delete", Permission(routes["DELETE /api/sessions/{id}"]));
        Assert.Equal("operations.read", Permission(routes["GET /api/cache/stats"]));
        Assert.Equal("operations.write", Permission(routes["POST /api/cache/cleanup"]));
        Assert.Equal("operations.write", Permission(routes["DELETE /api/cache/{fileHash}"]));
        Assert.Equal("sessions.upload", Permission(routes["POST /upload"]));
        Assert.Equal("sessions.read", Permission(routes["GET /webhooks/storage/status/{id}"]));
        Assert.NotNull(routes["POST /webhooks/storage/c3d-upload"].Metadata.GetMetadata<IAllowAnonymous>());
    }

    private static string? Permission(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<RequiredPermission>()?.Permission;
}

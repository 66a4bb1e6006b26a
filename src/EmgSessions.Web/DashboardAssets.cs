using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace EmgSessions.Web;

/// <summary>The dashboard's own scripts and styles, embedded in this assembly (see the project file), with a long cache and an ETag.</summary>
internal static class DashboardAssets
{
    private static readonly Assembly Assembly = typeof(DashboardAssets).Assembly;
    private static readonly string Version = Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    /// <summary>The URL of an asset, with this build's version so that a new build is fetched again.</summary>
    public static string Url(string name) => $"{DashboardRegistration.AssetsPath}/{name}?v={Version}";

    public static IResult Serve(string name, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => null,
        };
        var stream = type is null ? null : Assembly.GetManifestResourceStream("dashboard/" + name);
        if (stream is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such asset", detail: $"The dashboard has no asset '{name}'.");
        }

        var etag = '"' + Version + '"';
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            stream.Dispose();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Stream(stream, type);
    }
}

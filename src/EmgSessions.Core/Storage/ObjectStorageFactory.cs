using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Core.Storage;

/// <summary>Builds the storage named by a spec: <c>local:DIR</c> or <c>supabase:https://&lt;project&gt;.supabase.co</c>.</summary>
public static class ObjectStorageFactory
{
    /// <exception cref="ArgumentException">The spec is not understood, or Supabase lacks its service key.</exception>
    public static IObjectStorage Create(string? spec, string? serviceKey, ILoggerFactory? loggerFactory = null) =>
        Create(new StorageOptions { Spec = string.IsNullOrWhiteSpace(spec) ? StorageOptions.DefaultSpec : spec, ServiceKey = serviceKey }, loggerFactory);

    /// <exception cref="ArgumentException">The spec is not understood, or Supabase lacks its service key.</exception>
    public static IObjectStorage Create(StorageOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var spec = string.IsNullOrWhiteSpace(options.Spec) ? StorageOptions.DefaultSpec : options.Spec.Trim();
        if (spec.StartsWith("local:", StringComparison.OrdinalIgnoreCase))
        {
            var directory = spec["local:".Length..];
            return directory.Length == 0
                ? throw new ArgumentException("The storage spec 'local:' needs a directory, e.g. local:./data/storage.", nameof(options))
                : new LocalFolderStorage(directory);
        }

        if (spec.StartsWith("supabase:", StringComparison.OrdinalIgnoreCase))
        {
            var url = spec["supabase:".Length..];
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"The storage spec '{spec}' needs an http(s) URL, e.g. supabase:https://<project>.supabase.co.", nameof(options));
            }

            if (string.IsNullOrEmpty(options.ServiceKey))
            {
                throw new ArgumentException("Supabase Storage needs the service key (EMGS_STORAGE_KEY or --storage-key).", nameof(options));
            }

            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(10) };
            var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SupabaseStorage>();
            return new SupabaseStorage(http, uri, options.ServiceKey, options.RequestTimeout, options.ListPageSize, logger, ownsClient: true);
        }

        throw new ArgumentException($"Unknown storage spec '{spec}': use local:DIR or supabase:https://<project>.supabase.co.", nameof(options));
    }
}

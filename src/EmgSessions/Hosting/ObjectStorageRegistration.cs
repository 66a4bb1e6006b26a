using EmgSessions.Core;
using EmgSessions.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary><c>builder.AddObjectStorage()</c>: the bucket store named by <c>Storage:Spec</c> (<c>--storage</c> / <c>EMGS_STORAGE</c>).</summary>
internal static class ObjectStorageRegistration
{
    public static IHostApplicationBuilder AddObjectStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCheckedOptions<StorageOptions>(
            builder.Configuration.GetSection(StorageOptions.Section), o => o.Check());
        builder.Services.AddSingleton(sp =>
            ObjectStorageFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        return builder;
    }
}

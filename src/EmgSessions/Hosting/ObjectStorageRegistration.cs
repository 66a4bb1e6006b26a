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
            builder.Configuration.GetSection(StorageOptions.SectionName),
            o => CheckSpec(o) is { } problem ? [problem] : []);
        builder.Services.AddSingleton(sp =>
            ObjectStorageFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        return builder;
    }

    /// <summary>What is wrong with the storage settings, or null.</summary>
    public static string? CheckSpec(StorageOptions options)
    {
        try
        {
            // Creating a client checks the spec and the key without any I/O.
            var storage = ObjectStorageFactory.Create(options);
            (storage as IDisposable)?.Dispose();
            return null;
        }
        catch (ArgumentException ex)
        {
            return "Storage:Spec: " + ex.Message.Split(" (Parameter", 2)[0];
        }
    }
}

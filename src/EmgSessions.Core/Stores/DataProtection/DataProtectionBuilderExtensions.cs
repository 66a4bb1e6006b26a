using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Stores.DataProtection;

/// <summary><c>AddDataProtection().PersistKeysToDatabase(…)</c>: the key ring in <c>data_protection_keys</c>.</summary>
internal static class DataProtectionBuilderExtensions
{
    /// <param name="repository">Makes the process's one repository (a singleton, disposed with the container).</param>
    public static IDataProtectionBuilder PersistKeysToDatabase(this IDataProtectionBuilder builder, Func<IServiceProvider, DataProtectionKeyRepository> repository)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(repository);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<DataProtectionKeyRepository>()));
        return builder;
    }
}

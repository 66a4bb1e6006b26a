using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddPeopleStore()</c>: accounts, patients, therapists, the patient directory and the audit trail on the
/// sessions database (their tables come with its migrations), registered under each narrow interface.
/// </summary>
internal static class PeopleStoreRegistration
{
    public static IHostApplicationBuilder AddPeopleStore(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => PeopleStoreFactory.Create(
            DatabaseOptions.Parse(sp.GetRequiredService<IOptions<DatabaseConnectionOptions>>().Value.Connection),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IUserStore>(sp => sp.GetRequiredService<IPeopleStore>());
        builder.Services.AddSingleton<IAccountLookup>(sp => sp.GetRequiredService<IPeopleStore>());
        builder.Services.AddSingleton<IAccountDirectory>(sp => new UserStoreAccountDirectory(sp.GetRequiredService<IUserStore>()));
        builder.Services.AddSingleton<IPatientStore>(sp => sp.GetRequiredService<IPeopleStore>());
        builder.Services.AddSingleton<ITherapistStore>(sp => sp.GetRequiredService<IPeopleStore>());
        builder.Services.AddSingleton<IAuditStore>(sp => sp.GetRequiredService<IPeopleStore>());
        builder.Services.AddSingleton<IAuditSink>(sp => sp.GetRequiredService<IPeopleStore>());
        builder.Services.AddSingleton<IPatientDirectory>(sp => sp.GetRequiredService<IPeopleStore>());
        builder.Services.TryAddSingleton<IPasswordHasher<LocalAccount>, PasswordHasher<LocalAccount>>();
        builder.Services.AddSingleton<AccountAdministration>();
        builder.Services.AddSingleton<PatientAdministration>();
        return builder;
    }
}

using System.Text.Json;
using EmgSessions.Core;
using EmgSessions.Core.Access;
using EmgSessions.Http;
using EmgSessions.Http.Auth;
using EmgSessions.Http.Reports;
using EmgSessions.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>
/// The <c>emgs serve</c> process: Kestrel with the webhook, the API and the OpenAPI document, plus the
/// workers and the reconciler, on one configuration. Reads as the table of contents of the system.
/// </summary>
internal static class ServerHost
{
    /// <exception cref="EmgsConfigurationException">The listen addresses are malformed or unsafe.</exception>
    /// <param name="services">Last registrations, for tests: e.g. a fake clock or an account store.</param>
    public static WebApplication Build(IConfiguration configuration, Action<ILoggingBuilder>? logging = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
            ApplicationName = typeof(ServerHost).Assembly.GetName().Name,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.AddEmgsLogging(logging);

        builder.AddServer();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseErrorExceptionHandler>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiDescription>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddCheckedOptions<UploadOptions>(builder.Configuration.GetSection(UploadOptions.Section), o => o.Check());
        builder.Services.AddSingleton(sp => new UploadGate(sp.GetRequiredService<IOptions<UploadOptions>>().Value.MaxConcurrentAnalyses));

        builder.AddEmgsAuth();
        builder.AddSessionStore();
        builder.AddPeopleStore();
        builder.AddDataProtectionKeys();
        builder.AddObjectStorage();
        builder.AddIngestion();
        builder.AddAnalysis();
        builder.AddAnalyticsCache();
        builder.AddApplication();
        builder.Services.AddSingleton<EmgSessions.Core.Application.Patients.PatientQueries>();
        builder.AddWorkers();
        builder.Services.AddDashboard();
        builder.AddExports();
        if (builder.Configuration.GetValue("Server:Reconciler", true))
        {
            builder.AddReconciler();
        }

        services?.Invoke(builder.Services);

        var app = builder.Build();
        ListenAddressGuard.UseLoopbackOnlyUnlessProtected(app, app.Services.GetRequiredService<ListenPolicy>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseEmgsAuth();

        app.MapOpenApi().AllowAnonymous();
        app.MapAuthEndpoints();
        app.MapHealthEndpoints();
        app.MapWebhookEndpoints();
        app.MapSessionEndpoints();
        app.MapCacheEndpoints();
        app.MapUploadEndpoints();
        app.MapScoreEndpoints();
        app.MapNoteEndpoints();
        app.MapProgressEndpoints();
        app.MapScoringConfigurationEndpoints();
        app.MapLegacyScoringWebhookEndpoints();
        app.MapPatientEndpoints();
        app.MapTherapistEndpoints();
        app.MapUserEndpoints();
        app.MapAuditEndpoints();
        app.MapSignalEndpoints();
        app.MapExportEndpoints();
        app.MapReportEndpoints();
        app.UseAntiforgery();
        app.MapDashboard().RequirePermissionUnlessPublic(Permissions.SessionsRead);
        return app;
    }
}

using System.Text.Json;
using EmgSessions.Http;
using EmgSessions.Http.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Hosting;

/// <summary>
/// The <c>emgs serve</c> process: Kestrel with the webhook, the API and the OpenAPI document, plus the
/// workers and the reconciler, on one configuration. Reads as the table of contents of the system.
/// </summary>
internal static class ServerHost
{
    /// <exception cref="EmgsConfigurationException">The listen addresses are malformed or unsafe.</exception>
    public static WebApplication Build(IConfiguration configuration, Action<ILoggingBuilder>? logging = null)
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
        builder.Services.AddSingleton<ApiKeyFilter>();
        builder.Services.AddSingleton(new UploadGate(builder.Configuration.GetValue(UploadGate.ConfigurationKey, Environment.ProcessorCount)));

        builder.AddSessionStore();
        builder.AddObjectStorage();
        builder.AddIngestion();
        builder.AddAnalysis();
        builder.AddAnalyticsCache();
        builder.AddWorkers();
        builder.AddExports();
        if (builder.Configuration.GetValue("Server:Reconciler", true))
        {
            builder.AddReconciler();
        }

        var app = builder.Build();
        ListenAddressGuard.UseLoopbackOnlyUnlessProtected(app, app.Services.GetRequiredService<ListenPolicy>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapWebhookEndpoints();
        app.MapSessionEndpoints();
        app.MapCacheEndpoints();
        app.MapUploadEndpoints();
        app.MapExportEndpoints();
        app.MapReportEndpoints();
        return app;
    }
}

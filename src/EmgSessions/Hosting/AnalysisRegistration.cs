using EmgSessions.Analysis;
using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddAnalysis()</c>: the analysis every session gets (section <c>Analysis</c>, the option names of
/// emg-analysis.md §7.1 in snake_case; defaults of profile ghostly-v1), checked when the host starts; recording
/// times (INFO:TIME) are read in <c>Webhook:SessionTimeZone</c>.
/// </summary>
internal static class AnalysisRegistration
{
    public const string Section = "Analysis";

    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        // INFO:TIME is read in the same zone as the dates in file names (Webhook:SessionTimeZone).
        builder.Services.AddSingleton(sp => new SessionAnalysis(
            ReadOptions(builder.Configuration), sp.GetRequiredService<IOptions<WebhookOptions>>().Value.ResolveTimeZone()));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <exception cref="EmgsConfigurationException">The section holds an option the analysis refuses.</exception>
    public static AnalysisOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (!section.GetChildren().Any())
        {
            return AnalysisOptions.Default;
        }

        try
        {
            var options = AnalysisOptions.FromJson(SectionJson.From(section));
            options.Validate();
            return options;
        }
        catch (AnalysisOptionsException ex)
        {
            throw new EmgsConfigurationException($"Invalid configuration: Analysis: {ex.Message}", ex);
        }
    }
}

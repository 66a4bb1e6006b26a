using EmgSessions.Core.Sessions.Processing;
using EmgSessions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Tests.Hosting;

public sealed class AnalysisRegistrationTests
{
    [Fact]
    public void Phase_two_reads_recording_times_in_the_session_time_zone_of_the_webhook_section()
    {
        var configuration = EmgsConfiguration.Build(null, environment: new Dictionary<string, string>(),
            overrides: new Dictionary<string, string?> { ["Webhook:SessionTimeZone"] = "America/New_York" });
        var builder = CommandHost.CreateBuilder(configuration, LogLevel.None);
        builder.AddIngestion();
        builder.AddAnalysis();
        using var host = builder.Build();

        var analysis = host.Services.GetRequiredService<SessionAnalysis>();

        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), analysis.SessionTimeZone);
    }

    [Fact]
    public void Without_a_session_time_zone_recording_times_are_utc()
    {
        var builder = CommandHost.CreateBuilder(EmgsConfiguration.Build(null, environment: new Dictionary<string, string>()), LogLevel.None);
        builder.AddIngestion();
        builder.AddAnalysis();
        using var host = builder.Build();

        Assert.Equal(TimeZoneInfo.Utc, host.Services.GetRequiredService<SessionAnalysis>().SessionTimeZone);
    }
}

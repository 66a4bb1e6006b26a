using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EmgSessions.Hosting;

/// <summary><c>builder.AddEmgsLogging()</c>: one-line console logs on stderr, levels from the <c>Logging</c> section.</summary>
internal static class LoggingRegistration
{
    public static IHostApplicationBuilder AddEmgsLogging(this IHostApplicationBuilder builder, Action<ILoggingBuilder>? configure = null)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // Start-up failures reach the verb, which prints them as one clear message.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        configure?.Invoke(builder.Logging);
        return builder;
    }
}

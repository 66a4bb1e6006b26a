using EmgSessions.Core;
using EmgSessions.Core.Application.Scores;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.Scores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EmgSessions.Hosting;

/// <summary>
/// <c>builder.AddScoring()</c>: the scoring store on the sessions database, the scoring service (Phase 2 calls it) and,
/// with <paramref name="sweep"/>, the sweep of stale scores. Section <c>Scoring</c>.
/// </summary>
internal static class ScoringRegistration
{
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder, bool sweep)
    {
        builder.Services.AddCheckedOptions<ScoringOptions>(builder.Configuration.GetSection(ScoringOptions.Section), o => o.Check());
        builder.Services.AddSingleton(sp => ScoringStoreFactory.For(sp.GetRequiredService<ISessionStore>()));
        // The session store is the reader (not registered as one here: the container would dispose it twice).
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SessionScoring>(sp, sp.GetRequiredService<ISessionStore>()));
        builder.Services.AddSingleton<ISessionScorer>(sp => sp.GetRequiredService<SessionScoring>());
        builder.Services.AddSingleton<ScoreInputs>();
        builder.Services.AddSingleton<SessionScores>();
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PatientProgressReader>(sp, sp.GetRequiredService<ISessionStore>()));
        if (sweep)
        {
            builder.Services.AddHostedService<ScoreSweeper>();
        }

        return builder;
    }
}

using EmgSessions.Core.Stores;
using EmgSessions.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EmgSessions.Core.Scores;

/// <summary>
/// Computes and stores a session's score from its stored analytics, its inputs (per input: therapist, then the legacy
/// webhook, then the recording) and its resolved configuration (scoring.md §3: no session or patient configuration is
/// stored yet, so the newest active <c>GHOSTLY-TRIAL-DEFAULT</c>, else the newest active one). The save is conditional on
/// the basis read first: a change meanwhile makes it compute again, and a crash at any point leaves the score stale for
/// <see cref="SweepAsync"/>, never silently wrong.
/// </summary>
internal sealed class SessionScoring(
    ISessionReader sessions,
    IScoringStore store,
    IOptions<ScoringOptions> options,
    ILogger<SessionScoring> logger,
    TimeProvider? timeProvider = null) : ISessionScorer
{
    private const int MaxAttempts = 5;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public ScoringProfile Profile { get; } = ScoringProfiles.TryParse(options.Value.Profile, out var profile) ? profile : ScoringProfiles.Default;

    /// <summary>
    /// Scores the session and returns the stored result; null when it does not exist or has no completed analysis.
    /// </summary>
    /// <exception cref="ScoringInputException">An input the configuration cannot rate, or analytics that cannot be read.</exception>
    /// <exception cref="ScoringConfigurationException">The resolved configuration is invalid.</exception>
    public async Task<ScoringResult?> ScoreAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var basis = await store.GetBasisAsync(sessionId, cancellationToken).ConfigureAwait(false);
            var session = basis is null ? null : await sessions.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (session is null || session.ProcessingStatus != Stores.SessionStatus.Completed)
            {
                return null;
            }

            var inputs = await store.GetInputsAsync(sessionId, cancellationToken).ConfigureAwait(false) ?? [];
            var configuration = await ConfigurationAsync(cancellationToken).ConfigureAwait(false);
            var result = SessionScorer.Score(Profile, Merge(session.AnalyticsCacheJson, inputs, configuration), configuration, _time.GetUtcNow(), sessionId);
            if (await store.SaveScoreAsync(result, ScoreJson.Serialize(result), basis!, cancellationToken).ConfigureAwait(false))
            {
                ScoringLog.Scored(logger, sessionId, result.OverallScore, result.Profile, result.ScoringConfigId);
                return result;
            }
        }

        ScoringLog.Unscorable(logger, sessionId, $"its analytics or inputs kept changing during {MaxAttempts} attempts; the sweep scores it later");
        return null;
    }

    /// <inheritdoc/>
    public async Task RecordInputsAsync(Guid sessionId, C3d.C3dParameters parameters, CancellationToken cancellationToken)
    {
        var (inputs, _) = RecordingInputs.Read(parameters, _time.GetUtcNow());
        if (inputs is not null)
        {
            await store.ChangeInputsAsync(sessionId, inputs, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Phase 2's call: scores, and logs instead of throwing (the score stays stale for the sweep).</summary>
    public async Task ScoreAfterProcessingAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await HoldAsync(sessionId, cancellationToken).ConfigureAwait(false);
        await TryScoreAsync(sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scores every stale session (in batches); returns how many were scored.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var scored = 0;
        var tried = new HashSet<Guid>();
        while (true)
        {
            var stale = await store.StaleSessionsAsync(options.Value.SweepBatchSize, cancellationToken).ConfigureAwait(false);
            var fresh = stale.Where(tried.Add).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var id in fresh)
            {
                if (await TryScoreAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    scored++;
                }
            }
        }

        if (scored > 0)
        {
            ScoringLog.Swept(logger, scored);
        }

        return scored;
    }

    /// <summary>The scoring inputs of a session: the EMG counts of its analytics and the highest-priority value of each input.</summary>
    internal static ScoringInputs Merge(string analyticsJson, IReadOnlyList<SessionInputs> inputs, ScoringConfiguration configuration)
    {
        var emg = string.IsNullOrWhiteSpace(analyticsJson) ? new ScoringInputs() : StoredScoringInputs.FromAnalyticsJson(analyticsJson);
        var ordered = InputSources.ByPriority.Select(source => inputs.FirstOrDefault(i => i.Source == source)).OfType<SessionInputs>().ToArray();
        int? Target(Func<SessionInputs, int?> value) => ordered.Select(value).FirstOrDefault(v => v.HasValue);
        var entered = Entered(inputs);
        return emg with
        {
            ExpectedLeft = ExpectedContractions.Resolve(emg.ExpectedLeft, null, Target(i => i.TargetContractionsLeft), configuration.DefaultExpectedContractions).Value,
            ExpectedRight = ExpectedContractions.Resolve(emg.ExpectedRight, null, Target(i => i.TargetContractionsRight), configuration.DefaultExpectedContractions).Value,
            Rpe = entered.Rpe,
            GamePointsAchieved = entered.GamePointsAchieved,
            GamePointsMax = entered.GamePointsMax,
            BfrPressureAop = entered.BfrPressureAop,
            BfrPressureAopLeft = entered.BfrPressureAopLeft,
            BfrPressureAopRight = entered.BfrPressureAopRight,
        };
    }

    /// <summary>The entered inputs alone (no EMG counts), each from its highest-priority source.</summary>
    internal static ScoringInputs Entered(IReadOnlyList<SessionInputs> inputs)
    {
        var ordered = InputSources.ByPriority.Select(source => inputs.FirstOrDefault(i => i.Source == source)).OfType<SessionInputs>().ToArray();
        T? First<T>(Func<SessionInputs, T?> value)
            where T : struct => ordered.Select(value).FirstOrDefault(v => v.HasValue);
        return new ScoringInputs
        {
            Rpe = First(i => i.Rpe),
            GamePointsAchieved = First(i => i.GamePointsAchieved),
            GamePointsMax = First(i => i.GamePointsMax),
            BfrPressureAop = First(i => i.BfrPressureAop),
            BfrPressureAopLeft = First(i => i.BfrPressureAopLeft),
            BfrPressureAopRight = First(i => i.BfrPressureAopRight),
        };
    }

    private async Task<bool> TryScoreAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            return await ScoreAsync(sessionId, cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (Exception ex) when (ex is ScoringInputException or ScoringConfigurationException)
        {
            ScoringLog.Unscorable(logger, sessionId, ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ScoringLog.Failed(logger, sessionId, ex);
            return false;
        }
    }

    /// <summary>The configuration every session is scored with now; the built-in trial default is stored first when there is none.</summary>
    private async Task<ScoringConfiguration> ConfigurationAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ListConfigurationsAsync(cancellationToken).ConfigureAwait(false);
        var resolved = ScoringConfigurationResolver.Resolve(null, null, [.. stored.Select(c => c.Configuration)]);
        if (resolved.Configuration.Id is not null)
        {
            return resolved.Configuration;
        }

        var added = await store.AddConfigurationAsync(ScoringConfiguration.BuiltInTrialDefault, activate: true, cancellationToken).ConfigureAwait(false);
        return added.Configuration;
    }

    private async Task HoldAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var hold = options.Value.HoldWhileFileExists;
        if (string.IsNullOrEmpty(hold) || !File.Exists(hold))
        {
            return;
        }

        ScoringLog.Holding(logger, sessionId, hold);
        while (File.Exists(hold))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }
    }
}

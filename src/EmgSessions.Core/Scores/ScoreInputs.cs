using EmgSessions.Scoring;

namespace EmgSessions.Core.Scores;

/// <summary>
/// Entering a session's inputs (the inputs API, the predecessor's <c>update-future-data</c>, <c>emgs inputs</c>): checks
/// the values as they will stand after the change, stores them with who and when, and scores the session again. A crash
/// after the store leaves the score stale for the sweep.
/// </summary>
internal sealed class ScoreInputs(IScoringStore store, SessionScoring scoring, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<InputsOutcome> ChangeAsync(Guid sessionId, SessionInputs change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await store.GetInputsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return new InputsOutcome(false, [], null, []);
        }

        var updated = UpdatedFields(change);
        var own = current.FirstOrDefault(i => i.Source == change.Source);
        var after = new ScoringInputs
        {
            Rpe = change.Rpe ?? own?.Rpe,
            GamePointsAchieved = change.GamePointsAchieved ?? own?.GamePointsAchieved,
            GamePointsMax = change.GamePointsMax ?? own?.GamePointsMax,
            BfrPressureAop = change.BfrPressureAop ?? own?.BfrPressureAop,
            BfrPressureAopLeft = change.BfrPressureAopLeft ?? own?.BfrPressureAopLeft,
            BfrPressureAopRight = change.BfrPressureAopRight ?? own?.BfrPressureAopRight,
        };
        var errors = after.Validate();
        if (errors.Count > 0)
        {
            return new InputsOutcome(true, errors, null, updated);
        }

        if (!change.IsEmpty && !await store.ChangeInputsAsync(sessionId, change with { EnteredAt = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false))
        {
            return new InputsOutcome(false, [], null, []);
        }

        var scores = await scoring.ScoreAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return new InputsOutcome(true, [], scores, updated);
    }

    private static List<string> UpdatedFields(SessionInputs change)
    {
        var fields = new List<string>();
        void Given(object? value, string name)
        {
            if (value is not null)
            {
                fields.Add(name);
            }
        }

        Given(change.Rpe, "rpe");
        Given(change.GamePointsAchieved, "game_points_achieved");
        Given(change.GamePointsMax, "game_points_max");
        Given(change.BfrPressureAop, "bfr_pressure_aop");
        Given(change.BfrPressureAopLeft, "bfr_pressure_aop_left");
        Given(change.BfrPressureAopRight, "bfr_pressure_aop_right");
        return fields;
    }
}

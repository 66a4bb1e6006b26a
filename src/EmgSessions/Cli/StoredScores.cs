using System.Globalization;
using System.Text;
using System.Text.Json;
using EmgSessions.Core.Application.Sessions;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;
using EmgSessions.Http;
using EmgSessions.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace EmgSessions.Cli;

/// <summary>What <c>emgs scores SESSION</c>, <c>emgs inputs SESSION</c> and <c>emgs progress PATIENT</c> do with already-parsed values.</summary>
internal static class StoredScores
{
    public static async Task<int> ShowAsync(IServiceProvider services, ISessionStore store, string session, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        if (await SessionsCommand.ResolveAsync(services.GetRequiredService<SessionIdLookup>(), session, console, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return CliApplication.Failure;
        }

        var stored = await services.GetRequiredService<IScoringStore>().GetScoreAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            var known = await store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync(known is null
                ? $"emgs scores: no session has id {id}."
                : $"emgs scores: session {id} is {known.ProcessingStatus} and has no score yet; it is scored when its processing completes.").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        await console.Out.WriteAsync(json ? ScoreEndpoints.Served(stored) + "\n" : Text(stored)).ConfigureAwait(false);
        return CliApplication.Success;
    }

    public static async Task<int> EnterAsync(
        IServiceProvider services, ISessionStore store, string session, SessionInputs change, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        if (await SessionsCommand.ResolveAsync(services.GetRequiredService<SessionIdLookup>(), session, console, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return CliApplication.Failure;
        }

        var outcome = await services.GetRequiredService<ScoreInputs>().ChangeAsync(id, change, cancellationToken).ConfigureAwait(false);
        if (!outcome.Found)
        {
            await console.Error.WriteLineAsync($"emgs inputs: no session has id {id}.").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        if (outcome.Errors.Count > 0)
        {
            foreach (var error in outcome.Errors)
            {
                await console.Error.WriteLineAsync($"emgs inputs: {error.Message}").ConfigureAwait(false);
            }

            return CliApplication.UsageError;
        }

        if (outcome.Scores is null)
        {
            await console.Out.WriteLineAsync($"Inputs stored; session {id} is scored when its processing completes.").ConfigureAwait(false);
            return CliApplication.Success;
        }

        var stored = new StoredScore(id, "emgs", outcome.Scores.Profile, outcome.Scores.ScoringConfigId, ScoreJson.Serialize(outcome.Scores), outcome.Scores.ComputedAt, Stale: false);
        await console.Out.WriteAsync(json ? ScoreEndpoints.Served(stored) + "\n" : Text(stored)).ConfigureAwait(false);
        return CliApplication.Success;
    }

    /// <summary>
    /// The progress as the dashboard's Patient page computes it: adherence from the given treatment start, else the
    /// patient record's (patients table), else the date of the patient's first session.
    /// </summary>
    public static async Task<int> ProgressAsync(IServiceProvider services, string patient, DateOnly? treatmentStart, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        var recorded = treatmentStart is null && services.GetService<IPatientStore>() is { } patients
            ? (await patients.GetPatientAsync(patient, cancellationToken).ConfigureAwait(false))?.TreatmentStartDate
            : null;
        var start = treatmentStart ?? recorded;
        var progress = await services.GetRequiredService<PatientProgressReader>().ReadAsync(patient, start, cancellationToken).ConfigureAwait(false);
        if (progress is null)
        {
            await console.Error.WriteLineAsync($"emgs progress: no session belongs to patient code '{patient}'.").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(progress, ScoreJson.Options)).ConfigureAwait(false);
            return CliApplication.Success;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Patient {progress.PatientCode}: {progress.Sessions.Count} sessions\n");
        var source = treatmentStart is not null ? "given" : recorded is not null ? "patient record" : "first session";
        text.Append(CultureInfo.InvariantCulture, $"Treatment start: {start ?? progress.Sessions.Min(s => s.Date):yyyy-MM-dd} ({source})\n");
        text.Append("date        status      overall  compliance  symmetry  effort  game   session\n");
        foreach (var s in progress.Sessions)
        {
            var r = s.Scores;
            text.Append(CultureInfo.InvariantCulture,
                $"{s.Date:yyyy-MM-dd}  {s.Status.ToString().ToLowerInvariant(),-10}  {Number(r?.OverallScore),7}  {Number(r?.ComplianceScore),10}  {Number(r?.SymmetryScore),8}  {Number(r?.EffortScore),6}  {Number(r?.GameScore),5}  {s.SessionId}\n");
        }

        if (progress.Adherence is { } adherence)
        {
            text.Append(CultureInfo.InvariantCulture, $"Adherence: {Number(adherence.Score)} % ({adherence.Category})\n");
        }

        foreach (var (name, trend) in progress.Trends.Where(t => PatientProgressCalculator.ScoreSeries.Any(s => s.Name == t.Key)))
        {
            text.Append(CultureInfo.InvariantCulture, $"Trend {name}: {trend.Direction}\n");
        }

        foreach (var alert in progress.Alerts)
        {
            text.Append(CultureInfo.InvariantCulture, $"Alert: {alert.Reason}\n");
        }

        await console.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
        return CliApplication.Success;
    }

    private static string Text(StoredScore stored)
    {
        using var document = JsonDocument.Parse(stored.ResultJson);
        var root = document.RootElement;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Session {stored.SessionId} ({stored.Origin}{(stored.Stale ? ", stale: inputs or analytics changed since" : string.Empty)})\n");
        foreach (var name in new[] { "profile", "scoring_config_id", "overall_score", "compliance_score", "symmetry_score", "effort_score", "game_score", "left_muscle_compliance", "right_muscle_compliance", "bfr_compliant", "bfr_pressure_aop", "rpe_post_session", "rpe_source", "game_points_achieved", "game_points_max" })
        {
            if (root.TryGetProperty(name, out var value))
            {
                var shown = value.ValueKind switch
                {
                    JsonValueKind.Number => Number(value.GetDouble()),
                    JsonValueKind.Null => "-",
                    JsonValueKind.String => value.GetString()!,
                    _ => value.GetRawText(),
                };
                text.Append(CultureInfo.InvariantCulture, $"  {name,-24} {shown}\n");
            }
        }

        return text.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}

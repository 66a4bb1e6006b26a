using System.Globalization;

namespace EmgSessions.Cli;

/// <summary><c>emgs progress PATIENT</c>: a patient's sessions and scores, adherence, trends and alerts (scoring.md §5).</summary>
internal sealed class ProgressCommand(CliConsole console) : CliCommand<ProgressSettings>(console)
{
    protected override async Task<int> RunAsync(ProgressSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Patient))
        {
            throw new CliUsageException("Give a patient code, e.g. emgs progress P005.");
        }

        DateOnly? start = null;
        if (settings.TreatmentStart is { } text)
        {
            start = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new CliUsageException($"--treatment-start needs a date such as 2025-09-01; got '{text}'.");
        }

        return await ScoringHost.RunAsync("progress", settings, console, (services, _) =>
            StoredScores.ProgressAsync(services, settings.Patient.Trim(), start, settings.Json, console, cancellationToken), cancellationToken, people: true);
    }
}

namespace EmgSessions.Scoring;

/// <summary>
/// The expected contractions of one side and where the number came from (scoring.md §1: session settings →
/// patient targets → the recording's THERAPY group → configuration default). Values below 1 are not targets and
/// are passed over.
/// </summary>
public sealed record ExpectedContractions(int Value, ExpectedContractionsSource Source)
{
    public static ExpectedContractions Resolve(int? session, int? patient, int? recording, int configurationDefault)
    {
        if (session is >= 1)
        {
            return new(session.Value, ExpectedContractionsSource.Session);
        }

        if (patient is >= 1)
        {
            return new(patient.Value, ExpectedContractionsSource.Patient);
        }

        if (recording is >= 1)
        {
            return new(recording.Value, ExpectedContractionsSource.Recording);
        }

        return configurationDefault >= 1
            ? new(configurationDefault, ExpectedContractionsSource.Configuration)
            : throw new ScoringInputException($"The configuration's default expected contractions must be at least 1 (got {configurationDefault}).");
    }
}

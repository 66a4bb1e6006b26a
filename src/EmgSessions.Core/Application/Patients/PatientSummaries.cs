namespace EmgSessions.Core.Application.Patients;

/// <summary>The patients an actor may see, by code, at most <see cref="PatientQueries.MaxListed"/>; <see cref="Total"/> counts them all.</summary>
internal sealed record PatientSummaries(IReadOnlyList<PatientSummary> Items, int Total);

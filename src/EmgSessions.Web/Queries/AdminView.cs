using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores.People;

namespace EmgSessions.Web.Queries;

/// <summary>What the admin page lists: accounts, therapists, patients with their therapist, scoring configuration versions.</summary>
internal sealed record AdminView(
    IReadOnlyList<UserRecord> Users,
    IReadOnlyList<TherapistRecord> Therapists,
    IReadOnlyList<PatientRecord> Patients,
    IReadOnlyList<StoredConfiguration> Configurations);

using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;
using EmgSessions.Scoring;

namespace EmgSessions.Core.Application.Patients;

/// <summary>
/// One patient as the Patient page and <c>GET /api/patients/{code}/progress</c> read it: the profile (null while the
/// code names no patient row: an unassigned code), pseudonymised for researchers; the targets and the therapist's name;
/// the treatment start adherence counts from and where it came from; and the progress (scoring.md §5), null when
/// no session has the code.
/// </summary>
internal sealed record PatientOverview(
    string PatientCode,
    PatientView? Patient,
    PatientTargets? Targets,
    string? TherapistName,
    DateOnly? TreatmentStart,
    TreatmentStartSource TreatmentStartSource,
    PatientProgress? Progress);

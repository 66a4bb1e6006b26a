using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;

namespace EmgSessions.Http;

/// <summary>
/// A patient as <c>/api/patients</c> shows it. A researcher's view is pseudonymised: names and date of birth are null,
/// <see cref="AgeYears"/> holds the age in whole years instead.
/// </summary>
internal sealed record PatientDto(
    string PatientCode,
    Guid? TherapistId,
    string? FirstName,
    string? LastName,
    DateOnly? DateOfBirth,
    int? AgeYears,
    DateOnly? TreatmentStartDate,
    PatientTargetsDto Targets,
    bool Pseudonymised)
{
    public static PatientDto From(PatientRecord patient, AccessDecision decision, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var view = patient.ToView();
        if (decision == AccessDecision.Pseudonymised)
        {
            view = Pseudonymiser.Patient(view, today);
        }
        else if (view.DateOfBirth is { } born)
        {
            view = view with { AgeYears = Pseudonymiser.AgeInWholeYears(born, today) };
        }

        return new PatientDto(
            view.PatientCode, view.TherapistId, view.FirstName, view.LastName, view.DateOfBirth, view.AgeYears,
            view.TreatmentStartDate, PatientTargetsDto.From(patient.Targets), view.Pseudonymised);
    }
}

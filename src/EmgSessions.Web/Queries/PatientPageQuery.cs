using EmgSessions.Core.Access;
using EmgSessions.Core.Application;
using EmgSessions.Core.Application.Patients;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The Patient page's data: the patient's profile, targets and progress through the application layer
/// (<see cref="PatientQueries"/>, as <c>GET /api/patients/{code}/progress</c>): another therapist's patient is "not
/// found", a researcher's view pseudonymised.
/// </summary>
internal sealed class PatientPageQuery(PatientQueries patients)
{
    public Task<Answer<PatientOverview>> LoadAsync(Actor actor, string patientCode, CancellationToken cancellationToken) =>
        patients.GetAsync(actor, patientCode, null, cancellationToken);

    /// <summary>Whether the actor may open the printable progress report of a patient whose therapist is <paramref name="therapistId"/>.</summary>
    public static bool MayPrint(Actor actor, Guid? therapistId) =>
        AccessRules.DecideFor(actor, Permissions.ExportsPatients, therapistId) == AccessDecision.Allowed;
}

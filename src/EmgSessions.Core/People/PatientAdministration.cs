using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;

namespace EmgSessions.Core.People;

/// <summary>
/// Adding and assigning patients (by a therapist's email or id), for <c>emgs patients</c>, the patients API and the
/// dashboard's admin page (values already parsed, access already decided); every change is written to the audit trail.
/// </summary>
internal sealed class PatientAdministration(IPeopleStore store, TimeProvider clock)
{
    /// <exception cref="PeopleConflictException">The code exists, the therapist's email names no therapist account, or the database needs more.</exception>
    public async Task<PatientRecord> AddAsync(Actor actor, NewPatient patient, string? therapistEmail, CancellationToken cancellationToken, string? ip = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(patient);
        if (therapistEmail is not null)
        {
            patient = patient with { TherapistId = await TherapistOfAsync(therapistEmail, cancellationToken).ConfigureAwait(false) };
        }

        var created = await store.CreatePatientAsync(patient, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, created.PatientCode, new() { ["change"] = "created" }, cancellationToken, ip).ConfigureAwait(false);
        return created;
    }

    /// <summary>Assigns the patient to the therapist whose account has <paramref name="therapistEmail"/>; null when no patient has the code.</summary>
    public async Task<PatientRecord?> AssignAsync(Actor actor, string patientCode, string therapistEmail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var therapistId = await TherapistOfAsync(therapistEmail, cancellationToken).ConfigureAwait(false);
        var assigned = await store.AssignPatientAsync(patientCode, therapistId, cancellationToken).ConfigureAwait(false);
        if (assigned is not null)
        {
            await AuditAsync(actor, assigned.PatientCode, new() { ["change"] = "therapist", ["therapist_id"] = therapistId.ToString() }, cancellationToken).ConfigureAwait(false);
        }

        return assigned;
    }

    /// <summary>
    /// Assigns the patient to the therapist with <paramref name="therapistId"/> (null: to none); null when no patient has the code.
    /// </summary>
    /// <exception cref="PeopleConflictException">No therapist has that id, or the database needs more.</exception>
    public async Task<PatientRecord?> AssignAsync(Actor actor, string patientCode, Guid? therapistId, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (therapistId is { } id && await store.GetTherapistAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new PeopleConflictException($"No therapist has the id {id}: list the therapists and use one of their ids.");
        }

        var assigned = await store.AssignPatientAsync(patientCode, therapistId, cancellationToken).ConfigureAwait(false);
        if (assigned is not null)
        {
            await AuditAsync(actor, assigned.PatientCode, new() { ["change"] = "therapist", ["therapist_id"] = therapistId?.ToString() ?? "none" }, cancellationToken, ip)
                .ConfigureAwait(false);
        }

        return assigned;
    }

    private async Task<Guid> TherapistOfAsync(string email, CancellationToken cancellationToken)
    {
        var user = await store.FindUserAsync(email, cancellationToken).ConfigureAwait(false);
        return user switch
        {
            null => throw new PeopleConflictException($"No account has the email {email.Trim()}: add it first with emgs users add {email.Trim()} --role therapist."),
            { TherapistId: { } id } => id,
            _ => throw new PeopleConflictException($"The account {user.Email} is not linked to a therapist (role {RoleNames.Of(user.Role)}): give a therapist's email."),
        };
    }

    private async Task AuditAsync(Actor actor, string code, Dictionary<string, string> details, CancellationToken cancellationToken, string? ip = null) =>
        await store.AppendAsync(AuditEvent.By(actor, AuditActions.PatientChanged, clock, PersonReads.Patient, code, ip, details), cancellationToken).ConfigureAwait(false);
}

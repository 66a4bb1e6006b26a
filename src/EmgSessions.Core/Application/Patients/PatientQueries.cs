using EmgSessions.Core.Access;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores;
using EmgSessions.Core.Stores.People;

namespace EmgSessions.Core.Application.Patients;

/// <summary>
/// Reads of patients and their progress for an <see cref="Actor"/>, the same for every transport (the progress route,
/// the Patient page, the Overview). Access is decided here under <see cref="Permissions.PatientsRead"/>: a role without
/// it is forbidden; a therapist sees only their own patients and gets "not found" for any other code (assigned to
/// someone else, unassigned or unknown); a researcher gets pseudonymised profiles (no names, no date of birth: the
/// age instead). Adherence counts from the given treatment start, else the patient's recorded one, else the first
/// session's date. A read by a person is written to the audit trail.
/// </summary>
internal sealed class PatientQueries(
    IPatientStore patients, ITherapistStore therapists, ISessionStore sessions, PatientProgressReader progress, IAuditSink audit, TimeProvider clock)
{
    /// <summary>The most patients a list reads the progress of.</summary>
    public const int MaxListed = 100;

    /// <summary>How many of the newest sessions a list looks at for codes that name no patient row (admins, researchers).</summary>
    public const int RecentSessionsScanned = 200;

    private const string Permission = Permissions.PatientsRead;

    public async Task<Answer<PatientOverview>> GetAsync(Actor actor, string patientCode, DateOnly? treatmentStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (AccessRules.GrantFor(actor, Permission) is Grant.Denied)
        {
            return Answer<PatientOverview>.Forbidden(Permission);
        }

        var code = patientCode?.Trim() ?? "";
        var record = code.Length == 0 ? null : await patients.GetPatientAsync(code, cancellationToken).ConfigureAwait(false);
        var decision = AccessRules.DecideFor(actor, Permission, record?.TherapistId);
        if (code.Length == 0 || decision == AccessDecision.NotFound)
        {
            return NotVisible(code);
        }

        var start = treatmentStart ?? record?.TreatmentStartDate;
        var read = await progress.ReadAsync(code, start, cancellationToken).ConfigureAwait(false);
        if (record is null && read is null)
        {
            return NotVisible(code);
        }

        await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Patient, code, null, cancellationToken).ConfigureAwait(false);
        var source = treatmentStart is not null ? TreatmentStartSource.Given
            : record?.TreatmentStartDate is not null ? TreatmentStartSource.PatientRecord
            : read is not null ? TreatmentStartSource.FirstSession
            : TreatmentStartSource.None;
        var shownStart = start ?? read?.Sessions.Min(s => s.Date);
        var therapist = record?.TherapistId is { } therapistId
            ? await therapists.GetTherapistAsync(therapistId, cancellationToken).ConfigureAwait(false)
            : null;
        return Answer<PatientOverview>.Ok(new PatientOverview(
            code,
            record is null ? null : Shown(record, decision),
            record?.Targets,
            therapist is null ? null : $"{therapist.FirstName} {therapist.LastName}".Trim(),
            shownStart,
            source,
            read));
    }

    /// <summary>
    /// The patients the actor may see with their progress, by code: a therapist's own; for everyone else every patient
    /// row and every code among the newest <see cref="RecentSessionsScanned"/> sessions (sessions of a code no patient
    /// row has yet are still someone's sessions).
    /// </summary>
    public async Task<Answer<PatientSummaries>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var scope = AccessRules.ScopeFor(actor, Permission);
        if (scope.Decision == AccessDecision.Forbidden)
        {
            return Answer<PatientSummaries>.Forbidden(Permission);
        }

        if (scope.Decision == AccessDecision.NotFound)
        {
            return Answer<PatientSummaries>.Ok(new PatientSummaries([], 0));
        }

        var rows = (await patients.ListPatientsAsync(scope.TherapistId, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.PatientCode, StringComparer.Ordinal);
        var codes = new SortedSet<string>(rows.Keys, StringComparer.Ordinal);
        if (scope.TherapistId is null)
        {
            var recent = await sessions.ListSessionsAsync(new SessionQuery(Limit: RecentSessionsScanned), cancellationToken).ConfigureAwait(false);
            codes.UnionWith(recent.Items.Select(s => s.PatientId).OfType<string>().Where(c => !string.IsNullOrWhiteSpace(c)));
        }

        // One read of the listed patients' sessions, scores and inputs, not two per session (the Overview's speed).
        var listed = codes.Take(MaxListed).ToList();
        var read = await progress.ReadManyAsync(
            [.. listed.Select(code => (code, rows.GetValueOrDefault(code)?.TreatmentStartDate))], cancellationToken).ConfigureAwait(false);
        var items = new List<PatientSummary>(listed.Count);
        foreach (var code in listed)
        {
            var record = rows.GetValueOrDefault(code);
            items.Add(new PatientSummary(code, record is null ? null : Shown(record, scope.Decision), read.GetValueOrDefault(code)));
        }

        await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Patient, "*", null, cancellationToken).ConfigureAwait(false);
        return Answer<PatientSummaries>.Ok(new PatientSummaries(items, codes.Count));
    }

    private PatientView Shown(PatientRecord record, AccessDecision decision)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var view = record.ToView();
        return decision == AccessDecision.Pseudonymised
            ? Pseudonymiser.Patient(view, today)
            : view with { AgeYears = view.DateOfBirth is { } born ? Pseudonymiser.AgeInWholeYears(born, today) : null };
    }

    private static Answer<PatientOverview> NotVisible(string code) => Answer<PatientOverview>.NotFound(
        "Patient not found",
        $"No patient '{(code.Length > 64 ? code[..64] + "…" : code)}' with sessions or a patient record is visible to you; check the code (for example P005) or pick a patient from the Overview.");
}

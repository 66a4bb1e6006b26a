using EmgSessions.Core.Access;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EmgSessions.Http;

/// <summary>
/// <c>/api/patients</c> (access.md §2, §5): list, read, create, change targets, assign to a therapist. Therapists see
/// their own patients (404 for others), researchers pseudonymised views; every read by a person is audited.
/// </summary>
internal static class PatientEndpoints
{
    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patients").WithTags("Patients");
        group.MapGet("/", ListAsync).WithName("ListPatients").RequirePermission(Permissions.PatientsRead);
        group.MapGet("/{code}", GetAsync).WithName("GetPatient").RequirePermission(Permissions.PatientsRead);
        group.MapPost("/", CreateAsync).WithName("CreatePatient").RequirePermission(Permissions.PatientsCreate);
        group.MapPut("/{code}", UpdateTargetsAsync).WithName("UpdatePatientTargets").RequirePermission(Permissions.PatientsWrite);
        group.MapPut("/{code}/therapist", AssignAsync).WithName("AssignPatient").RequirePermission(Permissions.PatientsAssign);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<PatientDto>>, ProblemHttpResult>> ListAsync(
        HttpContext context, IPatientStore patients, IAuditSink audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        var scope = AccessRules.ScopeFor(actor, Permissions.PatientsRead);
        if (scope.Decision == AccessDecision.Forbidden)
        {
            return AccessProblems.Forbidden(actor, Permissions.PatientsRead);
        }

        IReadOnlyList<PatientRecord> list = scope.Decision == AccessDecision.NotFound
            ? []
            : await patients.ListPatientsAsync(scope.TherapistId, cancellationToken).ConfigureAwait(false);
        await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Patient, "*", AccessProblems.Ip(context), cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok<IReadOnlyList<PatientDto>>([.. list.Select(p => PatientDto.From(p, scope.Decision, today))]);
    }

    public static async Task<Results<Ok<PatientDto>, ProblemHttpResult>> GetAsync(
        string code, HttpContext context, IPatientStore patients, IAuditSink audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        var (patient, decision, problem) = await LoadAsync(actor, code, Permissions.PatientsRead, patients, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Patient, patient!.PatientCode, AccessProblems.Ip(context), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(PatientDto.From(patient, decision, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    public static async Task<Results<Created<PatientDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        NewPatientDto? body, HttpContext context, IPatientStore patients, ITherapistStore therapists, IAuditSink audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        if (AccessRules.Decide(actor, Permissions.PatientsCreate) != AccessDecision.Allowed)
        {
            return AccessProblems.Forbidden(actor, Permissions.PatientsCreate);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body?.PatientCode))
        {
            errors["patient_code"] = ["patient_code is required: the code sessions carry as the first segment of their path (P001 …)."];
        }
        else if (body.PatientCode.Trim().Contains('/', StringComparison.Ordinal) || body.PatientCode.Trim().Length > 64)
        {
            errors["patient_code"] = ["patient_code must be at most 64 characters without '/'."];
        }

        var targets = body?.Targets?.ToTargets() ?? PatientTargets.None;
        AddTargetProblems(targets, errors);
        if (errors.Count > 0)
        {
            return AccessProblems.Invalid(errors);
        }

        if (body!.TherapistId is { } therapistId && await therapists.GetTherapistAsync(therapistId, cancellationToken).ConfigureAwait(false) is null)
        {
            return AccessProblems.Invalid(new(StringComparer.Ordinal) { ["therapist_id"] = [$"No therapist has the id {therapistId}: GET /api/therapists lists them."] });
        }

        PatientRecord created;
        try
        {
            created = await patients.CreatePatientAsync(
                new NewPatient(body.PatientCode!, body.TherapistId, Trimmed(body.FirstName), Trimmed(body.LastName), body.DateOfBirth, body.TreatmentStartDate, targets),
                cancellationToken).ConfigureAwait(false);
        }
        catch (PeopleConflictException ex)
        {
            return AccessProblems.Conflict("Patient not created", ex.Message);
        }

        await audit.AppendAsync(AuditEvent.By(actor, AuditActions.PatientChanged, clock, PersonReads.Patient, created.PatientCode, AccessProblems.Ip(context),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["change"] = "created" }), cancellationToken).ConfigureAwait(false);
        var dto = PatientDto.From(created, AccessDecision.Allowed, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return TypedResults.Created($"/api/patients/{Uri.EscapeDataString(created.PatientCode)}", dto);
    }

    public static async Task<Results<Ok<PatientDto>, ValidationProblem, ProblemHttpResult>> UpdateTargetsAsync(
        string code, PatientTargetsDto? body, HttpContext context, IPatientStore patients, IAuditSink audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        var (_, _, problem) = await LoadAsync(actor, code, Permissions.PatientsWrite, patients, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            errors["targets"] = ["Send the targets as JSON: mvc_ch1, mvc_ch2, duration_ch1_ms, duration_ch2_ms, contractions_ch1, contractions_ch2, bfr_percent (null clears one)."];
        }

        var targets = body?.ToTargets() ?? PatientTargets.None;
        AddTargetProblems(targets, errors);
        if (errors.Count > 0)
        {
            return AccessProblems.Invalid(errors);
        }

        PatientRecord? updated;
        try
        {
            updated = await patients.UpdateTargetsAsync(code, targets, cancellationToken).ConfigureAwait(false);
        }
        catch (PeopleConflictException ex)
        {
            return AccessProblems.Conflict("Targets not changed", ex.Message);
        }

        if (updated is null)
        {
            return AccessProblems.PatientNotFound(code);
        }

        await audit.AppendAsync(AuditEvent.By(actor, AuditActions.PatientChanged, clock, PersonReads.Patient, updated.PatientCode, AccessProblems.Ip(context),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["change"] = "targets" }), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(PatientDto.From(updated, AccessDecision.Allowed, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    public static async Task<Results<Ok<PatientDto>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        string code, AssignPatientDto? body, HttpContext context, IPatientStore patients, ITherapistStore therapists, PatientAdministration administration,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = HttpActor.Of(context);
        var (_, _, problem) = await LoadAsync(actor, code, Permissions.PatientsAssign, patients, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body is null)
        {
            return AccessProblems.Invalid(new(StringComparer.Ordinal) { ["therapist_id"] = ["Send {\"therapist_id\": \"<id>\"} (or null to unassign); GET /api/therapists lists the ids."] });
        }

        if (body.TherapistId is { } therapistId && await therapists.GetTherapistAsync(therapistId, cancellationToken).ConfigureAwait(false) is null)
        {
            return AccessProblems.Invalid(new(StringComparer.Ordinal) { ["therapist_id"] = [$"No therapist has the id {therapistId}: GET /api/therapists lists them."] });
        }

        PatientRecord? assigned;
        try
        {
            assigned = await administration.AssignAsync(actor, code, body.TherapistId, AccessProblems.Ip(context), cancellationToken).ConfigureAwait(false);
        }
        catch (PeopleConflictException ex)
        {
            return AccessProblems.Conflict("Patient not assigned", ex.Message);
        }

        if (assigned is null)
        {
            return AccessProblems.PatientNotFound(code);
        }

        return TypedResults.Ok(PatientDto.From(assigned, AccessDecision.Allowed, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    /// <summary>
    /// The patient named by <paramref name="code"/> if the actor may use <paramref name="permission"/> on it: 403 when the
    /// role may not at all, 404 when it does not exist or belongs to another therapist (the same answer).
    /// </summary>
    private static async Task<(PatientRecord? Patient, AccessDecision Decision, ProblemHttpResult? Problem)> LoadAsync(
        Actor actor, string code, string permission, IPatientStore patients, CancellationToken cancellationToken)
    {
        if (AccessRules.Decide(actor, permission) == AccessDecision.Forbidden)
        {
            return (null, AccessDecision.Forbidden, AccessProblems.Forbidden(actor, permission));
        }

        var patient = string.IsNullOrWhiteSpace(code) ? null : await patients.GetPatientAsync(code, cancellationToken).ConfigureAwait(false);
        if (patient is null)
        {
            return (null, AccessDecision.NotFound, AccessProblems.PatientNotFound(code));
        }

        var decision = AccessRules.DecideFor(actor, permission, patient.TherapistId);
        return decision switch
        {
            AccessDecision.NotFound => (null, decision, AccessProblems.PatientNotFound(code)),
            AccessDecision.Forbidden => (null, decision, AccessProblems.Forbidden(actor, permission)),
            _ => (patient, decision, null),
        };
    }

    private static void AddTargetProblems(PatientTargets targets, Dictionary<string, string[]> errors)
    {
        var problems = targets.Problems().ToArray();
        if (problems.Length > 0)
        {
            errors["targets"] = problems;
        }
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

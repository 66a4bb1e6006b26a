using EmgSessions.Core.Access;
using EmgSessions.Core.People;
using EmgSessions.Core.Scores;
using EmgSessions.Core.Stores.People;

namespace EmgSessions.Web.Queries;

/// <summary>
/// The admin page's reads and changes, through the services and stores the users, therapists, patients and scoring
/// configuration routes use (<see cref="AccountAdministration"/>, <see cref="PatientAdministration"/>,
/// <see cref="IScoringStore"/>), with the same permission per action and the same audit events. Every change answers an
/// <see cref="AdminOutcome"/> instead of throwing, so the page shows it beside its form.
/// </summary>
internal sealed class AdminQuery(
    IUserStore users,
    ITherapistStore therapists,
    IPatientStore patients,
    IScoringStore scoring,
    AccountAdministration accounts,
    PatientAdministration patientAdministration,
    IAuditSink audit,
    TimeProvider clock)
{
    /// <summary>Everything the page lists; null when the actor may not administer users (the route refuses them first).</summary>
    public async Task<AdminView?> LoadAsync(Actor actor, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!May(actor, Permissions.UsersAdmin) || !May(actor, Permissions.TherapistsAdmin) || !May(actor, Permissions.PatientsRead))
        {
            return null;
        }

        var patientList = await patients.ListPatientsAsync(null, cancellationToken).ConfigureAwait(false);
        await PersonReads.RecordAsync(audit, actor, clock, PersonReads.Patient, "*", ip, cancellationToken).ConfigureAwait(false);
        return new AdminView(
            await users.ListUsersAsync(cancellationToken).ConfigureAwait(false),
            await therapists.ListTherapistsAsync(cancellationToken).ConfigureAwait(false),
            patientList,
            await scoring.ListConfigurationsAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<AdminOutcome> AddUserAsync(Actor actor, string? email, string? role, string? firstName, string? lastName, string? ip, CancellationToken cancellationToken)
    {
        if (Refusal(actor, Permissions.UsersAdmin) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            return AdminOutcome.Refused("Enter the email address of the account.");
        }

        if (!RoleNames.TryParse(role, out var parsed))
        {
            return AdminOutcome.Refused("Choose a role: admin, therapist or researcher.");
        }

        return await Attempt(async () =>
        {
            var created = await accounts.AddAsync(actor, email, parsed, null, null, Blank(firstName), Blank(lastName), ip, cancellationToken).ConfigureAwait(false);
            var message = $"Added {created.User.Email} as {RoleNames.Of(created.User.Role)}. Give them this one-time password; it is not shown again.";
            return AdminOutcome.Done(created.Note is null ? message : message + " " + created.Note, created.OneTimePassword);
        }).ConfigureAwait(false);
    }

    public async Task<AdminOutcome> SetDisabledAsync(Actor actor, string email, bool disabled, string? ip, CancellationToken cancellationToken)
    {
        if (Refusal(actor, Permissions.UsersAdmin) is { } refused)
        {
            return refused;
        }

        if (disabled && string.Equals(email, actor.Name, StringComparison.OrdinalIgnoreCase))
        {
            return AdminOutcome.Refused("You cannot disable your own account: ask another admin.");
        }

        return await Attempt(async () => await accounts.SetDisabledAsync(actor, email, disabled, ip, cancellationToken).ConfigureAwait(false)
            ? AdminOutcome.Done($"{email} is {(disabled ? "disabled: it can no longer sign in" : "enabled again")}.")
            : AdminOutcome.Refused($"No account has the email {email}: it may have been removed; reload the page.")).ConfigureAwait(false);
    }

    public async Task<AdminOutcome> ResetPasswordAsync(Actor actor, string email, string? ip, CancellationToken cancellationToken)
    {
        if (Refusal(actor, Permissions.UsersAdmin) is { } refused)
        {
            return refused;
        }

        return await Attempt(async () => await accounts.ResetPasswordAsync(actor, email, null, ip, cancellationToken).ConfigureAwait(false) is { } password
            ? AdminOutcome.Done($"{email} has a new one-time password (any lockout is lifted). Give it to them; it is not shown again.", password)
            : AdminOutcome.Refused($"No account has the email {email}: it may have been removed; reload the page.")).ConfigureAwait(false);
    }

    /// <summary>The therapist row of an existing therapist account (as <c>POST /api/therapists</c> with an email).</summary>
    public async Task<AdminOutcome> AddTherapistAsync(Actor actor, string? firstName, string? lastName, string? email, string? ip, CancellationToken cancellationToken)
    {
        if (Refusal(actor, Permissions.TherapistsAdmin) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(firstName) || string.IsNullOrWhiteSpace(email))
        {
            return AdminOutcome.Refused("Enter the therapist's first name and the email of their therapist account.");
        }

        var user = await users.FindUserAsync(email.Trim(), cancellationToken).ConfigureAwait(false);
        if (user is not { Role: Role.Therapist })
        {
            return AdminOutcome.Refused($"No therapist account has the email {email.Trim()}: add the account first (Users, role therapist), which also adds its therapist.");
        }

        return await Attempt(async () =>
        {
            var created = await accounts.AddTherapistAsync(actor, firstName.Trim(), lastName?.Trim() ?? string.Empty, user.SupabaseUserId ?? user.Id, ip, cancellationToken)
                .ConfigureAwait(false);
            return AdminOutcome.Done($"Added therapist {created.FirstName} {created.LastName} for {user.Email}.");
        }).ConfigureAwait(false);
    }

    public async Task<AdminOutcome> AddPatientAsync(
        Actor actor, string? code, string? firstName, string? lastName, string? born, string? therapistId, string? ip, CancellationToken cancellationToken)
    {
        if (Refusal(actor, Permissions.PatientsCreate) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return AdminOutcome.Refused("Enter the patient code (the first folder of their recordings' paths, such as P005).");
        }

        DateOnly? dateOfBirth = null;
        if (!string.IsNullOrWhiteSpace(born))
        {
            if (!DateOnly.TryParseExact(born, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
            {
                return AdminOutcome.Refused("The date of birth must look like 1951-07-19.");
            }

            dateOfBirth = parsed;
        }

        if (!TryTherapist(therapistId, out var therapist))
        {
            return AdminOutcome.Refused("Choose the therapist from the list, or none.");
        }

        if (therapist is { } id && await therapists.GetTherapistAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return AdminOutcome.Refused("That therapist no longer exists: reload the page and choose again.");
        }

        return await Attempt(async () =>
        {
            var created = await patientAdministration.AddAsync(actor, new NewPatient(code.Trim(), therapist, Blank(firstName), Blank(lastName), dateOfBirth), null, cancellationToken, ip)
                .ConfigureAwait(false);
            return AdminOutcome.Done($"Added patient {created.PatientCode}; sessions whose path starts with {created.PatientCode}/ are theirs.");
        }).ConfigureAwait(false);
    }

    public async Task<AdminOutcome> AssignPatientAsync(Actor actor, string? code, string? therapistId, string? ip, CancellationToken cancellationToken)
    {
        if (Refusal(actor, Permissions.PatientsAssign) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            return AdminOutcome.Refused("Choose the patient to assign.");
        }

        if (!TryTherapist(therapistId, out var therapist))
        {
            return AdminOutcome.Refused("Choose the therapist from the list, or none.");
        }

        var chosen = therapist is { } id ? await therapists.GetTherapistAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (therapist is not null && chosen is null)
        {
            return AdminOutcome.Refused("That therapist no longer exists: reload the page and choose again.");
        }

        return await Attempt(async () =>
        {
            if (await patientAdministration.AssignAsync(actor, code, therapist, ip, cancellationToken).ConfigureAwait(false) is not { } assigned)
            {
                return AdminOutcome.Refused($"No patient has the code {code}: reload the page and choose again.");
            }

            return AdminOutcome.Done(chosen is null
                ? $"{assigned.PatientCode} has no therapist now."
                : $"{assigned.PatientCode} is assigned to {Display.PeopleNames.Therapist(chosen)}.");
        }).ConfigureAwait(false);
    }

    public async Task<AdminOutcome> ActivateConfigurationAsync(Actor actor, Guid configurationId, CancellationToken cancellationToken)
    {
        if (Refusal(actor, Permissions.ScoringWrite) is { } refused)
        {
            return refused;
        }

        return await scoring.ActivateConfigurationAsync(configurationId, cancellationToken).ConfigureAwait(false)
            ? AdminOutcome.Done("Activated: new scores use this version; stored scores keep the version they used.")
            : AdminOutcome.Refused("That configuration no longer exists: reload the page.");
    }

    private static bool May(Actor actor, string permission) => AccessRules.Decide(actor, permission) == AccessDecision.Allowed;

    private static AdminOutcome? Refusal(Actor actor, string permission)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return May(actor, permission) ? null : AdminOutcome.Refused($"The role {actor.RoleName} may not do this ({permission}). Ask an administrator if you need it.");
    }

    /// <summary>The therapist a select names: an id, or none (an empty value); false for anything else.</summary>
    private static bool TryTherapist(string? text, out Guid? therapistId)
    {
        therapistId = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (Guid.TryParse(text, out var id))
        {
            therapistId = id;
            return true;
        }

        return false;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<AdminOutcome> Attempt(Func<Task<AdminOutcome>> change)
    {
        try
        {
            return await change().ConfigureAwait(false);
        }
        catch (PeopleConflictException ex)
        {
            return AdminOutcome.Refused(ex.Message);
        }
    }
}

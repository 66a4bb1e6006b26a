using EmgSessions.Core.Access;
using EmgSessions.Core.Stores.People;
using Microsoft.AspNetCore.Identity;

namespace EmgSessions.Core.People;

/// <summary>
/// Adding, disabling and resetting local accounts, for the users API and <c>emgs users</c> alike (values already
/// parsed). Passwords are hashed with ASP.NET Core Identity's hasher; every change is written to the audit trail.
/// A therapist account gets its therapist row (or is linked to the one given), which is its patient scope.
/// </summary>
internal sealed class AccountAdministration(IPeopleStore store, IPasswordHasher<LocalAccount> hasher, TimeProvider clock)
{
    public const int MinimumPasswordLength = 12;

    /// <exception cref="PeopleConflictException">The email is taken, the therapist is unknown, or the password is too short.</exception>
    public async Task<NewAccount> AddAsync(
        Actor actor, string email, Role role, string? password, Guid? therapistId, string? firstName, string? lastName, string? ip,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        email = CheckEmail(email);
        if (password is not null && password.Length < MinimumPasswordLength)
        {
            throw new PeopleConflictException($"The password is shorter than {MinimumPasswordLength} characters: choose a longer one, or let one be generated.");
        }

        if (therapistId is { } id && (role != Role.Therapist || await store.GetTherapistAsync(id, cancellationToken).ConfigureAwait(false) is null))
        {
            throw new PeopleConflictException(role != Role.Therapist
                ? "Only a therapist account is linked to a therapist: leave the therapist out, or give the role therapist."
                : $"No therapist has the id {id}: list the therapists and use one of their ids.");
        }

        var generated = password is null ? OneTimePassword.Generate() : null;
        var user = await store.CreateUserAsync(new NewUser(email, Hash(email, role, password ?? generated!), role, therapistId), cancellationToken).ConfigureAwait(false);
        string? note = null;
        if (role == Role.Therapist && therapistId is null)
        {
            try
            {
                var therapist = await store.CreateTherapistAsync(
                    string.IsNullOrWhiteSpace(firstName) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : firstName.Trim(),
                    lastName?.Trim() ?? string.Empty, user.Id, cancellationToken).ConfigureAwait(false);
                user = user with { TherapistId = therapist.Id };
            }
            catch (PeopleConflictException ex)
            {
                note = "The account sees no patient until it is linked to a therapist: " + ex.Message;
            }
        }

        await AuditAsync(actor, AuditActions.UserChanged, user.Email, ip, new() { ["change"] = "created", ["role"] = RoleNames.Of(role) }, cancellationToken).ConfigureAwait(false);
        return new NewAccount(user, generated, note);
    }

    /// <summary>Disables (or enables again) an account; false when no account has this email.</summary>
    public async Task<bool> SetDisabledAsync(Actor actor, string email, bool disabled, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        email = CheckEmail(email);
        var user = await store.FindUserAsync(email, cancellationToken).ConfigureAwait(false);
        if (user is null || !await store.SetDisabledAsync(email, disabled, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await AuditAsync(actor, AuditActions.UserChanged, user.Email, ip, new() { ["change"] = disabled ? "disabled" : "enabled" }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gives the account a new password (generated when none is given) and lifts its lock; null when no account has this email.</summary>
    public async Task<string?> ResetPasswordAsync(Actor actor, string email, string? password, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        email = CheckEmail(email);
        if (password is not null && password.Length < MinimumPasswordLength)
        {
            throw new PeopleConflictException($"The password is shorter than {MinimumPasswordLength} characters: choose a longer one, or let one be generated.");
        }

        var user = await store.FindUserAsync(email, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var chosen = password ?? OneTimePassword.Generate();
        await store.SetPasswordHashAsync(email, Hash(user.Email, user.Role, chosen), cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, AuditActions.PasswordReset, user.Email, ip, [], cancellationToken).ConfigureAwait(false);
        return chosen;
    }

    /// <summary>Creates the therapist row of <paramref name="userId"/> (a local account's id or a Supabase user id), which links that account.</summary>
    /// <exception cref="PeopleConflictException">The user has a therapist already, or this database keeps therapists elsewhere.</exception>
    public async Task<TherapistRecord> AddTherapistAsync(Actor actor, string firstName, string lastName, Guid userId, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var created = await store.CreateTherapistAsync(firstName, lastName, userId, cancellationToken).ConfigureAwait(false);
        await store.AppendAsync(
            AuditEvent.By(actor, AuditActions.TherapistChanged, clock, "therapist", created.Id.ToString(), ip, new Dictionary<string, string>(StringComparer.Ordinal) { ["change"] = "created" }),
            cancellationToken).ConfigureAwait(false);
        return created;
    }

    private string Hash(string email, Role role, string password) =>
        hasher.HashPassword(new LocalAccount(Guid.Empty, email, string.Empty, role, null, false, 0, null), password);

    private async Task AuditAsync(Actor actor, string action, string email, string? ip, Dictionary<string, string> details, CancellationToken cancellationToken) =>
        await store.AppendAsync(AuditEvent.By(actor, action, clock, "user", email, ip, details), cancellationToken).ConfigureAwait(false);

    private static string CheckEmail(string email)
    {
        email = email?.Trim() ?? string.Empty;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at == email.Length - 1 || email.Contains(' ', StringComparison.Ordinal) || email.Length > 254)
        {
            throw new PeopleConflictException($"'{email}' is not an email address: give one such as name@example.org.");
        }

        return email;
    }
}

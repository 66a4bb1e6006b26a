using EmgSessions.Core.Access;
using EmgSessions.Core.Database;
using EmgSessions.Core.Stores.People;
using EmgSessions.Tests.EndToEnd;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Tests.Cli;

/// <summary><c>emgs users …</c> and <c>emgs patients …</c> end to end, in-process, on both databases.</summary>
public sealed class PeopleCommandsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Users_are_added_with_a_one_time_password_listed_disabled_and_given_a_new_password(bool postgres)
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres);

        var added = await EmgsCli.RunAsync("users", "add", "Admin@Example.org", "--role", "admin", "--database", database.Spec);
        var therapist = await EmgsCli.RunAsync("users", "add", "ana@example.org", "--role", "therapist", "--first-name", "Ana", "--last-name", "Ødegård", "--database", database.Spec);
        var list = await EmgsCli.RunAsync("users", "list", "--json", "--database", database.Spec);
        var disabled = await EmgsCli.RunAsync("users", "disable", "ana@EXAMPLE.org", "--database", database.Spec);
        var reset = await EmgsCli.RunAsync("users", "reset-password", "admin@example.org", "--database", database.Spec);

        Assert.Equal((0, ""), (added.Code, added.Error));
        Assert.Contains("Added Admin@Example.org (admin).", added.Out, StringComparison.Ordinal);
        var otp = added.Out.Split(": ")[^1].Trim();
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$", otp);
        Assert.Equal(0, therapist.Code);
        Assert.Equal(0, list.Code);
        Assert.Contains("\"email\": \"ana@example.org\"", list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", list.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((0, "Disabled ana@EXAMPLE.org.\n"), (disabled.Code, disabled.Out.ReplaceLineEndings("\n")));
        Assert.Equal(0, reset.Code);
        var newPassword = reset.Out.Split(": ")[^1].Trim();
        Assert.NotEqual(otp, newPassword);

        await using var store = PeopleStoreFactory.Create(DatabaseOptions.Parse(database.Spec), NullLoggerFactory.Instance, TimeProvider.System);
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<LocalAccount>();
        var admin = (await store.FindByEmailAsync("admin@example.org", CancellationToken.None))!;
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success, hasher.VerifyHashedPassword(admin, admin.PasswordHash, newPassword));
        var ana = (await store.FindByEmailAsync("ana@example.org", CancellationToken.None))!;
        Assert.True(ana.Disabled);
        Assert.Equal(("Ana", "Ødegård"), (await store.GetTherapistAsync(ana.TherapistId!.Value, CancellationToken.None)) is { } t ? (t.FirstName, t.LastName) : default);
        var trail = await store.ListAuditAsync(new AuditQuery(Actor: "local"), CancellationToken.None);
        Assert.Equal([AuditActions.PasswordReset, AuditActions.UserChanged, AuditActions.UserChanged, AuditActions.UserChanged], trail.Items.Select(e => e.Action));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Patients_are_added_listed_and_assigned_to_a_therapist_by_email(bool postgres)
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres);
        Assert.Equal(0, (await EmgsCli.RunAsync("users", "add", "ana@example.org", "--role", "therapist", "--database", database.Spec)).Code);
        Assert.Equal(0, (await EmgsCli.RunAsync("users", "add", "bob@example.org", "--role", "therapist", "--database", database.Spec)).Code);

        var added = await EmgsCli.RunAsync("patients", "add", "P001", "--therapist", "ana@example.org", "--first-name", "Jan", "--last-name", "Peeters",
            "--born", "1950-02-03", "--treatment-start", "2026-01-05", "--database", database.Spec);
        var loose = await EmgsCli.RunAsync("patients", "add", "P002", "--database", database.Spec);
        var assigned = await EmgsCli.RunAsync("patients", "assign", "P002", "bob@example.org", "--database", database.Spec);
        var list = await EmgsCli.RunAsync("patients", "list", "--database", database.Spec);

        Assert.Equal(0, added.Code);
        Assert.Contains("Added patient P001 (therapist ", added.Out, StringComparison.Ordinal);
        Assert.Equal("Added patient P002 (unassigned).\n", loose.Out.ReplaceLineEndings("\n"));
        Assert.Equal("Assigned P002 to bob@example.org.\n", assigned.Out.ReplaceLineEndings("\n"));
        Assert.Contains("Jan Peeters", list.Out, StringComparison.Ordinal);
        Assert.Contains("2 patients.", list.Out, StringComparison.Ordinal);

        await using var store = PeopleStoreFactory.Create(DatabaseOptions.Parse(database.Spec), NullLoggerFactory.Instance, TimeProvider.System);
        var bob = (await store.FindByEmailAsync("bob@example.org", CancellationToken.None))!.TherapistId;
        Assert.Equal(bob, (await store.FindAsync("P002", CancellationToken.None))?.TherapistId);
        Assert.Equal(new DateOnly(2026, 1, 5), (await store.GetPatientAsync("P001", CancellationToken.None))!.TreatmentStartDate);
    }

    [Theory]
    [InlineData(new[] { "patients", "add", "P001" }, 1, "emgs patients: A patient with the code P001 exists already: choose another code, or change that patient.")]
    [InlineData(new[] { "patients", "assign", "P001", "nobody@example.org" }, 1, "emgs patients: No account has the email nobody@example.org: add it first with emgs users add nobody@example.org --role therapist.")]
    [InlineData(new[] { "patients", "assign", "P404", "admin@example.org" }, 1, "emgs patients: The account admin@example.org is not linked to a therapist (role admin): give a therapist's email.")]
    [InlineData(new[] { "patients", "add", "P003", "--born", "3 Feb 1950" }, 2, "emgs patients: --born must be a date such as 1950-02-03.")]
    [InlineData(new[] { "users", "add", "admin@example.org", "--role", "admin" }, 1, "emgs users: A user with the email admin@example.org (or that Supabase user id) exists already: choose another, or reset that user's password.")]
    [InlineData(new[] { "users", "add", "x@example.org", "--role", "owner" }, 2, "emgs users: Unknown role 'owner'; use admin, therapist or researcher.")]
    [InlineData(new[] { "users", "add", "not-an-email", "--role", "admin" }, 1, "emgs users: 'not-an-email' is not an email address: give one such as name@example.org.")]
    [InlineData(new[] { "users", "disable", "nobody@example.org" }, 1, "emgs users: no account has the email nobody@example.org; 'emgs users list' shows them.")]
    [InlineData(new[] { "users", "add" }, 2, "emgs users: 'add' needs exactly one EMAIL.")]
    [InlineData(new[] { "users", "list", "admin@example.org" }, 2, "emgs users: 'list' takes no other argument.")]
    [InlineData(new[] { "users", "remove", "admin@example.org" }, 2, "emgs users: Unknown action 'remove'; say add, list, disable, enable or reset-password.")]
    [InlineData(new[] { "users" }, 2, "emgs users: Say add, list, disable, enable or reset-password.")]
    [InlineData(new[] { "patients" }, 2, "emgs patients: Say list, add CODE or assign CODE EMAIL.")]
    [InlineData(new[] { "patients", "assign", "P001" }, 2, "emgs patients: 'assign' needs a CODE and a therapist's EMAIL.")]
    [InlineData(new[] { "patients", "delete", "P001" }, 2, "emgs patients: Unknown action 'delete'; say list, add CODE or assign CODE EMAIL.")]
    public async Task Wrong_input_is_refused_with_a_line_that_says_what_to_do(string[] args, int code, string message)
    {
        await using var database = await EndToEndDatabase.CreateAsync(postgres: false);
        Assert.Equal(0, (await EmgsCli.RunAsync("users", "add", "admin@example.org", "--role", "admin", "--database", database.Spec)).Code);
        Assert.Equal(0, (await EmgsCli.RunAsync("patients", "add", "P001", "--database", database.Spec)).Code);

        var result = await EmgsCli.RunAsync([.. args, "--database", database.Spec]);

        Assert.Equal(code, result.Code);
        Assert.Equal(message, result.Error.ReplaceLineEndings("\n").Split('\n')[0]);
    }
}

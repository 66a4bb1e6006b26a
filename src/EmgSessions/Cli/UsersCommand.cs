using System.Globalization;
using System.Text.Json;
using EmgSessions.Core.Access;
using EmgSessions.Core.People;
using EmgSessions.Core.Stores.People;
using EmgSessions.Hosting;
using EmgSessions.Http;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace EmgSessions.Cli;

/// <summary><c>emgs users add|list|disable|enable|reset-password</c>: local accounts (access.md §3, §5).</summary>
internal sealed class UsersCommand(CliConsole console) : CliCommand<UsersSettings>(console)
{
    private static readonly CliAction Actions = new(
        "add, list, disable, enable or reset-password",
        new Dictionary<string, (int, string)>(StringComparer.Ordinal)
        {
            ["add"] = (1, "'add' needs exactly one EMAIL."),
            ["list"] = (0, "'list' takes no other argument."),
            ["disable"] = (1, "'disable' needs exactly one EMAIL."),
            ["enable"] = (1, "'enable' needs exactly one EMAIL."),
            ["reset-password"] = (1, "'reset-password' needs exactly one EMAIL."),
        });

    protected override Task<int> RunAsync(UsersSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("users", console, async () =>
        {
            var action = Actions.Parse(settings.Action, settings.Email);
            var role = Role.Admin;
            if (action == "add" && !RoleNames.TryParse(settings.Role ?? throw new CliUsageException("'add' needs --role admin|therapist|researcher."), out role))
            {
                throw new CliUsageException($"Unknown role '{settings.Role}'; use admin, therapist or researcher.");
            }

            var email = settings.Email!;
            var password = settings.PasswordStdin ? ReadPassword() : null;
            return await PeopleHost.RunAsync(settings, async services =>
            {
                var accounts = services.GetRequiredService<AccountAdministration>();
                var users = services.GetRequiredService<IUserStore>();
                switch (action)
                {
                    case "list":
                        return await ListAsync(users, settings.Json, console, cancellationToken).ConfigureAwait(false);
                    case "add":
                        var created = await accounts.AddAsync(
                            Actor.LocalUser, email, role, password, null, settings.FirstName, settings.LastName, null, cancellationToken).ConfigureAwait(false);
                        await console.Out.WriteLineAsync($"Added {created.User.Email} ({RoleNames.Of(created.User.Role)}).").ConfigureAwait(false);
                        if (created.OneTimePassword is { } otp)
                        {
                            await console.Out.WriteLineAsync($"One-time password (shown once; change it after signing in): {otp}").ConfigureAwait(false);
                        }

                        if (created.Note is { } note)
                        {
                            await console.Error.WriteLineAsync("emgs users: " + note).ConfigureAwait(false);
                        }

                        return CliApplication.Success;
                    case "reset-password":
                        var reset = await accounts.ResetPasswordAsync(Actor.LocalUser, email, password, null, cancellationToken).ConfigureAwait(false);
                        if (reset is null)
                        {
                            return await NoSuchUserAsync(email, console).ConfigureAwait(false);
                        }

                        await console.Out.WriteLineAsync(password is null
                            ? $"New one-time password for {email.Trim()} (shown once): {reset}"
                            : $"Password of {email.Trim()} changed.").ConfigureAwait(false);
                        return CliApplication.Success;
                    default:
                        var disable = action == "disable";
                        if (!await accounts.SetDisabledAsync(Actor.LocalUser, email, disable, null, cancellationToken).ConfigureAwait(false))
                        {
                            return await NoSuchUserAsync(email, console).ConfigureAwait(false);
                        }

                        await console.Out.WriteLineAsync($"{(disable ? "Disabled" : "Enabled")} {email.Trim()}.").ConfigureAwait(false);
                        return CliApplication.Success;
                }
            }, cancellationToken).ConfigureAwait(false);
        });

    private static async Task<int> ListAsync(IUserStore users, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        var list = await users.ListUsersAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(list.Select(UserDto.From), JsonOutput.Options)).ConfigureAwait(false);
            return CliApplication.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Email", "Role", "Status", "Therapist", "Last sign-in");
        foreach (var user in list)
        {
            table.AddRow(
                Markup.Escape(user.Email), RoleNames.Of(user.Role), user.Disabled ? "disabled" : "active",
                user.TherapistId?.ToString() ?? "-",
                user.LastSignInAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-");
        }

        var ansi = CliRendering.For(console);
        ansi.Write(table);
        ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{list.Count} users."));
        return CliApplication.Success;
    }

    private static async Task<int> NoSuchUserAsync(string email, CliConsole console)
    {
        await console.Error.WriteLineAsync($"emgs users: no account has the email {email.Trim()}; 'emgs users list' shows them.").ConfigureAwait(false);
        return CliApplication.Failure;
    }

    private static string ReadPassword()
    {
        var line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line) ? throw new CliUsageException("--password-stdin read no password from standard input.") : line.TrimEnd('\r', '\n');
    }
}

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
internal sealed class UsersCommand : ICliCommand
{
    public string Name => "users";

    public string Summary => "Add, list, disable users and reset their passwords (creating the first user switches sign-in on).";

    public string Usage =>
        "Usage: emgs users add EMAIL --role admin|therapist|researcher [--password-stdin] [--first-name N --last-name N]\n" +
        "       emgs users list [--json]\n" +
        "       emgs users disable EMAIL | enable EMAIL\n" +
        "       emgs users reset-password EMAIL [--password-stdin]\n" +
        "  add and reset-password print a one-time password unless --password-stdin reads one (at least 12 characters)\n" +
        "  a therapist gets a therapist row named by --first-name/--last-name (default: the email's local part)\n" +
        CommandHost.StoreUsage;

    public IReadOnlyCollection<string> Flags { get; } = ["json", "password-stdin"];

    public IReadOnlyCollection<string> ValueOptions { get; } = ["role", "first-name", "last-name", .. CommandHost.StoreFlags];

    public Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync(Name, console, async () =>
        {
            var positionals = arguments.Positionals;
            var action = positionals.Count > 0 ? positionals[0] : throw new CliUsageException("Say add, list, disable, enable or reset-password.");
            var expected = action == "list" ? 1 : 2;
            if (action is not ("add" or "list" or "disable" or "enable" or "reset-password"))
            {
                throw new CliUsageException($"Unknown action '{action}'; say add, list, disable, enable or reset-password.");
            }

            if (positionals.Count != expected)
            {
                throw new CliUsageException(expected == 1 ? "'list' takes no other argument." : $"'{action}' needs exactly one EMAIL.");
            }

            var role = Role.Admin;
            if (action == "add" && !RoleNames.TryParse(arguments.Value("role") ?? throw new CliUsageException("'add' needs --role admin|therapist|researcher."), out role))
            {
                throw new CliUsageException($"Unknown role '{arguments.Value("role")}'; use admin, therapist or researcher.");
            }

            var password = arguments.Flag("password-stdin") ? ReadPassword() : null;
            return await PeopleHost.RunAsync(arguments, async services =>
            {
                var accounts = services.GetRequiredService<AccountAdministration>();
                var users = services.GetRequiredService<IUserStore>();
                switch (action)
                {
                    case "list":
                        return await ListAsync(users, arguments.Flag("json"), console, cancellationToken).ConfigureAwait(false);
                    case "add":
                        var created = await accounts.AddAsync(
                            Actor.LocalUser, positionals[1], role, password, null, arguments.Value("first-name"), arguments.Value("last-name"), null, cancellationToken).ConfigureAwait(false);
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
                        var reset = await accounts.ResetPasswordAsync(Actor.LocalUser, positionals[1], password, null, cancellationToken).ConfigureAwait(false);
                        if (reset is null)
                        {
                            return await NoSuchUserAsync(positionals[1], console).ConfigureAwait(false);
                        }

                        await console.Out.WriteLineAsync(password is null
                            ? $"New one-time password for {positionals[1].Trim()} (shown once): {reset}"
                            : $"Password of {positionals[1].Trim()} changed.").ConfigureAwait(false);
                        return CliApplication.Success;
                    default:
                        var disable = action == "disable";
                        if (!await accounts.SetDisabledAsync(Actor.LocalUser, positionals[1], disable, null, cancellationToken).ConfigureAwait(false))
                        {
                            return await NoSuchUserAsync(positionals[1], console).ConfigureAwait(false);
                        }

                        await console.Out.WriteLineAsync($"{(disable ? "Disabled" : "Enabled")} {positionals[1].Trim()}.").ConfigureAwait(false);
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

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

/// <summary><c>emgs patients list|add|assign</c>: patients, linked to sessions by their code (access.md §2, §5).</summary>
internal sealed class PatientsCommand : ICliCommand
{
    public string Name => "patients";

    public string Summary => "List and add patients, assign them to a therapist.";

    public string Usage =>
        "Usage: emgs patients list [--json]\n" +
        "       emgs patients add CODE [--therapist EMAIL] [--first-name N --last-name N --born YYYY-MM-DD --treatment-start YYYY-MM-DD]\n" +
        "       emgs patients assign CODE EMAIL\n" +
        "  CODE is the first segment of the patient's recordings' paths (P001 …); EMAIL names a therapist's account\n" +
        CommandHost.StoreUsage;

    public IReadOnlyCollection<string> Flags { get; } = ["json"];

    public IReadOnlyCollection<string> ValueOptions { get; } = ["therapist", "first-name", "last-name", "born", "treatment-start", .. CommandHost.StoreFlags];

    public Task<int> RunAsync(CliArguments arguments, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync(Name, console, async () =>
        {
            var positionals = arguments.Positionals;
            var action = positionals.Count > 0 ? positionals[0] : throw new CliUsageException("Say list, add CODE or assign CODE EMAIL.");
            var expected = action switch
            {
                "list" => 1,
                "add" => 2,
                "assign" => 3,
                _ => throw new CliUsageException($"Unknown action '{action}'; say list, add CODE or assign CODE EMAIL."),
            };
            if (positionals.Count != expected)
            {
                throw new CliUsageException(action switch
                {
                    "list" => "'list' takes no other argument.",
                    "add" => "'add' needs exactly one CODE.",
                    _ => "'assign' needs a CODE and a therapist's EMAIL.",
                });
            }

            var patient = action == "add"
                ? new NewPatient(positionals[1], null, arguments.Value("first-name"), arguments.Value("last-name"), Date(arguments, "born"), Date(arguments, "treatment-start"))
                : null;
            return await PeopleHost.RunAsync(arguments, async services =>
            {
                var administration = services.GetRequiredService<PatientAdministration>();
                switch (action)
                {
                    case "list":
                        return await ListAsync(services.GetRequiredService<IPatientStore>(), arguments.Flag("json"), console, cancellationToken).ConfigureAwait(false);
                    case "add":
                        var created = await administration.AddAsync(Actor.LocalUser, patient!, arguments.Value("therapist"), cancellationToken).ConfigureAwait(false);
                        await console.Out.WriteLineAsync($"Added patient {created.PatientCode}{(created.TherapistId is { } t ? $" (therapist {t})" : " (unassigned)")}.").ConfigureAwait(false);
                        return CliApplication.Success;
                    default:
                        var assigned = await administration.AssignAsync(Actor.LocalUser, positionals[1], positionals[2], cancellationToken).ConfigureAwait(false);
                        if (assigned is null)
                        {
                            await console.Error.WriteLineAsync($"emgs patients: no patient has the code {positionals[1]}; 'emgs patients list' shows them.").ConfigureAwait(false);
                            return CliApplication.Failure;
                        }

                        await console.Out.WriteLineAsync($"Assigned {assigned.PatientCode} to {positionals[2].Trim()}.").ConfigureAwait(false);
                        return CliApplication.Success;
                }
            }, cancellationToken).ConfigureAwait(false);
        });

    private static async Task<int> ListAsync(IPatientStore patients, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        var list = await patients.ListPatientsAsync(null, cancellationToken).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(list.Select(p => PatientDto.From(p, AccessDecision.Allowed, today)), JsonOutput.Options)).ConfigureAwait(false);
            return CliApplication.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Code", "Name", "Born", "Therapist", "Treatment start");
        foreach (var p in list)
        {
            table.AddRow(
                Markup.Escape(p.PatientCode),
                Markup.Escape(string.Join(' ', new[] { p.FirstName, p.LastName }.Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } name ? name : "-"),
                p.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                p.TherapistId?.ToString() ?? "unassigned",
                p.TreatmentStartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-");
        }

        var ansi = CliRendering.For(console);
        ansi.Write(table);
        ansi.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{list.Count} patients."));
        return CliApplication.Success;
    }

    private static DateOnly? Date(CliArguments arguments, string name)
    {
        var text = arguments.Value(name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new CliUsageException($"--{name} must be a date such as 1950-02-03.");
    }
}

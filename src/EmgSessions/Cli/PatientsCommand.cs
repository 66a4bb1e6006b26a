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
internal sealed class PatientsCommand(CliConsole console) : CliCommand<PatientsSettings>(console)
{
    private static readonly CliAction Actions = new(
        "list, add CODE or assign CODE EMAIL",
        new Dictionary<string, (int, string)>(StringComparer.Ordinal)
        {
            ["list"] = (0, "'list' takes no other argument."),
            ["add"] = (1, "'add' needs exactly one CODE."),
            ["assign"] = (2, "'assign' needs a CODE and a therapist's EMAIL."),
        });

    protected override Task<int> RunAsync(PatientsSettings settings, CliConsole console, CancellationToken cancellationToken) =>
        CommandHost.GuardAsync("patients", console, async () =>
        {
            var action = Actions.Parse(settings.Action, settings.Code, settings.Email);
            var patient = action == "add"
                ? new NewPatient(settings.Code!, null, settings.FirstName, settings.LastName, Date("--born", settings.Born), Date("--treatment-start", settings.TreatmentStart))
                : null;
            return await PeopleHost.RunAsync(settings, async services =>
            {
                var administration = services.GetRequiredService<PatientAdministration>();
                switch (action)
                {
                    case "list":
                        return await ListAsync(services.GetRequiredService<IPatientStore>(), settings.Json, console, cancellationToken).ConfigureAwait(false);
                    case "add":
                        var created = await administration.AddAsync(Actor.LocalUser, patient!, settings.Therapist, cancellationToken).ConfigureAwait(false);
                        await console.Out.WriteLineAsync($"Added patient {created.PatientCode}{(created.TherapistId is { } t ? $" (therapist {t})" : " (unassigned)")}.").ConfigureAwait(false);
                        return CliApplication.Success;
                    default:
                        var assigned = await administration.AssignAsync(Actor.LocalUser, settings.Code!, settings.Email!, cancellationToken).ConfigureAwait(false);
                        if (assigned is null)
                        {
                            await console.Error.WriteLineAsync($"emgs patients: no patient has the code {settings.Code}; 'emgs patients list' shows them.").ConfigureAwait(false);
                            return CliApplication.Failure;
                        }

                        await console.Out.WriteLineAsync($"Assigned {assigned.PatientCode} to {settings.Email!.Trim()}.").ConfigureAwait(false);
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

    private static DateOnly? Date(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new CliUsageException($"{option} must be a date such as 1950-02-03.");
    }
}

using EmgSessions.Cli;

// `emgs VERB [arguments]`: every verb is a Spectre.Console.Cli command in Cli/, listed in CliVerbs.
using var cancellation = new ConsoleCancellation();
return await CliApplication.RunAsync(args, CliConsole.System, cancellation.Token);

using EmgSessions.Cli;

// `emgs VERB [arguments]`: every verb is a class in Cli/ that implements ICliCommand, listed in CliApplication.
using var cancellation = new ConsoleCancellation();
return await CliApplication.RunAsync(args, CliConsole.System, cancellation.Token);

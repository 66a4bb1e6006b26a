using EmgSessions.Cli;
using EmgSessions.Front;

// The Native AOT front-end of `emgs`: runs what it can without the .NET runtime's start-up, hands the rest to emgs.dll.
using var cancellation = new ConsoleCancellation();
var app = FullApp.Locate();
return await FrontEnd.RunAsync(args, CliConsole.System, app, cancellation.Token) ?? FullApp.Exec(app, args, Console.Error);

using EmgSessions.Cli;
using EmgSessions.LoadTesting;

// `emgs-loadtest [options]`: the end-to-end load test of `emgs serve`, kept out of the shipped executable.
using var cancellation = new ConsoleCancellation();
return await LoadTestProgram.RunAsync(args, CliConsole.System, cancellation.Token);

using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/EmgSessions.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

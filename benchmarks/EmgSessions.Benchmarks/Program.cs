using BenchmarkDotNet.Running;
using EmgSessions.Benchmarks;

// dotnet run -c Release --project benchmarks/EmgSessions.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/EmgSessions.Benchmarks -- cohort-export-memory 100000 parquet
if (args is ["cohort-export-memory", ..])
{
    return await CohortExportMemory.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

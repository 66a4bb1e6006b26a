using BenchmarkDotNet.Running;
using EmgSessions.Benchmarks;

// dotnet run -c Release --project benchmarks/EmgSessions.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/EmgSessions.Benchmarks -- cohort-export-memory 100000 parquet
// dotnet run -c Release --project benchmarks/EmgSessions.Benchmarks -- cohort-store-memory seed sqlite:/tmp/c.db 50000
// dotnet run -c Release --project benchmarks/EmgSessions.Benchmarks -- sessions-page-seed sqlite:/tmp/s.db 10000
if (args is ["cohort-export-memory", ..])
{
    return await CohortExportMemory.RunAsync(args);
}

if (args is ["cohort-store-memory", ..])
{
    return await CohortStoreExportMemory.RunAsync(args);
}

if (args is ["sessions-page-seed", ..])
{
    return await SessionsPageSeed.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

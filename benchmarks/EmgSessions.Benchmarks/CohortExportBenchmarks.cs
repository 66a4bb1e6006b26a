using BenchmarkDotNet.Attributes;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Parquet;

namespace EmgSessions.Benchmarks;

/// <summary>
/// A pseudonymised cohort export of synthetic session rows to CSV and Parquet (to a discarding stream), at two row
/// counts: time and allocations per run. Peak memory per row count: <c>-- cohort-export-memory ROWS csv|parquet</c>
/// (see <see cref="CohortExportMemory"/>), one process per measurement.
/// </summary>
[MemoryDiagnoser]
public class CohortExportBenchmarks
{
    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    [Benchmark]
    public Task<long> Csv() => ExportCsvWriter.WriteAsync(CohortTables.Pseudonymised, CohortExportRows.Generate(Rows), Stream.Null);

    [Benchmark]
    public Task<long> Parquet() => ExportParquetWriter.WriteAsync(CohortTables.Pseudonymised, CohortExportRows.Generate(Rows), Stream.Null);
}

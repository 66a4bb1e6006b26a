using System.Diagnostics;
using System.Globalization;
using EmgSessions.Core.Exports.Cohort;
using EmgSessions.Core.Exports.Csv;
using EmgSessions.Core.Exports.Parquet;

namespace EmgSessions.Benchmarks;

/// <summary>
/// One cohort export in a fresh process to a temporary file, reporting wall time, the process's peak working set and
/// the GC heap size at the last collection, so runs at different row counts show whether memory grows with the rows.
/// </summary>
internal static class CohortExportMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var rows) || args[2] is not ("csv" or "parquet"))
        {
            await Console.Error.WriteLineAsync("usage: cohort-export-memory ROWS csv|parquet");
            return 2;
        }

        var path = Path.Combine(Path.GetTempPath(), $"emgs-cohort-{Environment.ProcessId}.{args[2]}");
        try
        {
            var clock = Stopwatch.StartNew();
            var file = File.Create(path);
            await using (file)
            {
                var table = CohortTables.Pseudonymised;
                var written = args[2] == "csv"
                    ? await ExportCsvWriter.WriteAsync(table, CohortExportRows.Generate(rows), file)
                    : await ExportParquetWriter.WriteAsync(table, CohortExportRows.Generate(rows), file);
                clock.Stop();
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{args[2]} rows={written} time_ms={clock.Elapsed.TotalMilliseconds:F0} file_mb={file.Length / 1048576.0:F1} " +
                    $"peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:F1} allocated_mb={GC.GetTotalAllocatedBytes() / 1048576.0:F0} " +
                    $"gc_heap_at_last_gc_mb={GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1048576.0:F1}"));
            }

            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }
}

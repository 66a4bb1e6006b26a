using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EmgSessions.Analysis;
using EmgSessions.C3d;
using EmgSessions.Core.Recordings;

namespace EmgSessions.Cli;

/// <summary>
/// <c>emgs bench FILE... [--json] [--iterations N] [--cores N]</c>: in-process timings of reading (C3D parse + analysis
/// input) and analysing each file; each figure is the median of N runs after warm-up runs (system.md §7). With
/// <c>--cores</c> the process is pinned to that many CPUs while it measures (1: the single-threaded analysis, the
/// like-for-like comparison with the predecessor's one-process-one-core script).
/// </summary>
internal sealed class BenchCommand(CliConsole console) : CliCommand<BenchSettings>(console)
{
    private const int DefaultIterations = 21;
    private const int WarmUpRuns = 5;

    protected override async Task<int> RunAsync(BenchSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        if (settings.Files.Length == 0)
        {
            throw new CliUsageException("Which files? Give one or more C3D files.");
        }

        var iterations = DefaultIterations;
        if (settings.Iterations is { } text && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out iterations) || iterations < 1))
        {
            await console.Error.WriteLineAsync($"emgs bench: --iterations needs a whole number ≥ 1, got '{text}'.");
            return CliApplication.UsageError;
        }

        var available = CoreAffinity.Available();
        int? cores = settings.Cores is { } coresText ? CliNumber.Int("--cores", coresText, available, 1, available) : null;
        var files = new List<(string Path, byte[] Bytes)>();
        foreach (var path in settings.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, cancellationToken);
                _ = C3dReader.Read(bytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or C3dFormatException)
            {
                var reason = ex switch
                {
                    FileNotFoundException or DirectoryNotFoundException => "no such file",
                    C3dFormatException format => $"not a readable C3D file: {format.Detail}",
                    _ => ex.Message,
                };
                await console.Error.WriteLineAsync($"emgs bench: cannot use {path}: {reason}.");
                return CliApplication.Failure;
            }

            files.Add((path, bytes));
        }

        // Measured after every file was read, so the pinned section does no file I/O.
        var parallel = (cores ?? available) > 1;
        var rows = new List<(string File, long Bytes, double ReadMs, double AnalyzeMs)>();
        using (cores is { } n ? CoreAffinity.Pin(n) : null)
        {
            foreach (var (path, bytes) in files)
            {
                double readMs, analyzeMs;
                try
                {
                    (readMs, analyzeMs) = Measure(bytes, iterations, parallel, cancellationToken);
                }
                catch (EmgAnalysisException ex)
                {
                    await console.Error.WriteLineAsync($"emgs bench: cannot use {path}: {ex.Message}");
                    return CliApplication.Failure;
                }

                rows.Add((path, bytes.LongLength, readMs, analyzeMs));
            }
        }

        await console.Out.WriteAsync(settings.Json ? ToJson(rows, cores ?? available) : ToText(rows, iterations, cores ?? available));
        return CliApplication.Success;
    }

    /// <summary>Medians (ms) of reading and of analysing <paramref name="bytes"/>, after warm-up runs.</summary>
    internal static (double ReadMs, double AnalyzeMs) Measure(byte[] bytes, int iterations, bool parallel, CancellationToken cancellationToken)
    {
        var read = new double[iterations];
        var analyze = new double[iterations];
        for (var run = -WarmUpRuns; run < iterations; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            var recording = EmgRecordingFactory.FromC3d(EmgRecordingFactory.ReadForAnalysis(bytes, null));
            var afterRead = Stopwatch.GetTimestamp();
            var result = EmgAnalyzer.Analyze(recording, null, parallel);
            var end = Stopwatch.GetTimestamp();
            GC.KeepAlive(result);
            if (run >= 0)
            {
                read[run] = Stopwatch.GetElapsedTime(start, afterRead).TotalMilliseconds;
                analyze[run] = Stopwatch.GetElapsedTime(afterRead, end).TotalMilliseconds;
            }
        }

        return (Median(read), Median(analyze));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string ToJson(List<(string File, long Bytes, double ReadMs, double AnalyzeMs)> rows, int cores)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("cores", cores);
            writer.WriteStartArray("files");
            foreach (var (file, bytes, readMs, analyzeMs) in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("file", file);
                writer.WriteNumber("bytes", bytes);
                writer.WriteNumber("read_ms", Math.Round(readMs, 3));
                writer.WriteNumber("analyze_ms", Math.Round(analyzeMs, 3));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static string ToText(List<(string File, long Bytes, double ReadMs, double AnalyzeMs)> rows, int iterations, int cores)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"median of {iterations} runs after {WarmUpRuns} warm-up runs, {cores} core{(cores == 1 ? "" : "s")}");
        var width = rows.Max(r => Path.GetFileName(r.File).Length);
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"file".PadRight(width)}  {"bytes",10}  {"read ms",9}  {"analyze ms",10}  {"total ms",9}");
        foreach (var (file, bytes, readMs, analyzeMs) in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{Path.GetFileName(file).PadRight(width)}  {bytes,10}  {readMs,9:0.000}  {analyzeMs,10:0.000}  {readMs + analyzeMs,9:0.000}");
        }

        return sb.ToString();
    }
}

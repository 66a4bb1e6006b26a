using System.Globalization;

namespace EmgSessions.LoadTesting;

/// <summary>What Linux says about a process: peak and current resident memory (<c>/proc/PID/status</c>) and CPU time (<c>/proc/PID/stat</c>).</summary>
internal sealed record ProcessSample(long PeakResidentBytes, long ResidentBytes, double CpuSeconds)
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Null when the process is gone or /proc is not there.</summary>
    public static ProcessSample? Read(int pid)
    {
        try
        {
            long hwm = 0, rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
            }

            // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcessSample(hwm, rss, ticks / ClockTicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

namespace EmgSessions.LoadTesting;

/// <summary>The JSON report of <c>emgs-loadtest</c>: the machine, the options, and one entry per run.</summary>
internal sealed record LoadTestReport(
    string Machine,
    int Cores,
    DateTimeOffset StartedAt,
    int Recordings,
    double Rate,
    double Duplicates,
    IReadOnlyList<LoadTestRunReport> Runs)
{
    public bool Verified => Runs.All(r => r.Verified);

    /// <summary>The CPU model from /proc/cpuinfo, or the OS description.</summary>
    public static string MachineDescription()
    {
        try
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null)
            {
                return model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }

        return System.Runtime.InteropServices.RuntimeInformation.OSDescription;
    }
}

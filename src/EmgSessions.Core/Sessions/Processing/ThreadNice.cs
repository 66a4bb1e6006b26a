using System.Runtime.InteropServices;

namespace EmgSessions.Core.Sessions.Processing;

/// <summary>
/// Lowers the scheduling priority of the calling thread on Linux (its nice value: Linux keeps one per thread),
/// so that CPU-bound work yields the cores to request handling. Elsewhere, and when refused, it does nothing:
/// <c>Thread.Priority</c> has no effect on Linux, hence the system call.
/// </summary>
internal static class ThreadNice
{
    private const int PrioProcess = 0;

    /// <summary>Sets the calling thread's nice value to <paramref name="nice"/> (0–19); false when not possible.</summary>
    public static bool TryLowerCurrentThread(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return SetPriority(PrioProcess, GetTid(), nice) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // Blittable int signatures: no marshalling, so DllImport needs no unsafe code (LibraryImport would).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetTid();
#pragma warning restore SYSLIB1054
}

using System.Diagnostics;

namespace EmgSessions.Tests.Faults;

/// <summary>
/// A spool directory that runs out of space: a tmpfs of a few megabytes when the tests run as root (mounted
/// here, unmounted on dispose); otherwise a directory without write permission, which fails the same way for
/// Phase 1 (an I/O error while spooling).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class SmallSpool : IAsyncDisposable
{
    private SmallSpool(string directory, bool mounted)
    {
        Directory = directory;
        Mounted = mounted;
    }

    public string Directory { get; }

    /// <summary>True for a real full disk (tmpfs), false for the read-only stand-in.</summary>
    public bool Mounted { get; }

    public static async Task<SmallSpool> CreateAsync(string parent, int megabytes)
    {
        var directory = Path.Combine(parent, "small-spool");
        System.IO.Directory.CreateDirectory(directory);
        if (Environment.UserName == "root" && await RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", directory]) == 0)
        {
            return new SmallSpool(directory, mounted: true);
        }

        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return new SmallSpool(directory, mounted: false);
    }

    /// <summary>Bytes used in the spool file system (tmpfs only).</summary>
    public long UsedBytes() => Mounted ? new DriveInfo(Directory).TotalSize - new DriveInfo(Directory).AvailableFreeSpace : 0;

    public async ValueTask DisposeAsync()
    {
        if (Mounted)
        {
            await RunAsync("umount", ["-l", Directory]);
        }
        else
        {
            File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<int> RunAsync(string file, IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}

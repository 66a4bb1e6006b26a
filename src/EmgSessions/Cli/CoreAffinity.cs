using System.Globalization;
using System.Runtime.InteropServices;

namespace EmgSessions.Cli;

/// <summary>
/// Pins every thread of this process to the first N CPUs it may run on, for like-for-like timings (<c>emgs bench
/// --cores N</c>); <see cref="Dispose"/> gives every thread, including those started meanwhile, its mask back. Linux
/// only: the affinity of a process is per thread there (sched_setaffinity on each entry of /proc/self/task), and a new
/// thread inherits its creator's mask.
/// </summary>
internal sealed class CoreAffinity : IDisposable
{
    private const int MaskWords = 16; // 1024 CPUs
    private readonly Dictionary<int, ulong[]> _saved;
    private readonly ulong[] _fallback;

    private CoreAffinity(int[] cpus, Dictionary<int, ulong[]> saved, ulong[] fallback)
    {
        Cpus = cpus;
        _saved = saved;
        _fallback = fallback;
    }

    /// <summary>The CPUs the process is pinned to.</summary>
    public IReadOnlyList<int> Cpus { get; }

    /// <summary>The number of CPUs this thread may run on now.</summary>
    public static int Available() => OperatingSystem.IsLinux() && Get(0) is { } mask ? CpusOf(mask).Count : Environment.ProcessorCount;

    /// <summary>Pins the process to its first <paramref name="cores"/> allowed CPUs.</summary>
    /// <exception cref="CliUsageException">Not Linux, or fewer CPUs than asked for.</exception>
    public static CoreAffinity Pin(int cores)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliUsageException("--cores works on Linux only; elsewhere start emgs with the operating system's affinity tool.");
        }

        var current = Get(0) ?? throw new CliUsageException("--cores: this system does not report which CPUs emgs may use.");
        var allowed = CpusOf(current);
        if (cores < 1 || cores > allowed.Count)
        {
            throw new CliUsageException($"--cores must be between 1 and {allowed.Count} (the CPUs emgs may use here), got {cores}.");
        }

        var chosen = allowed.Take(cores).ToArray();
        var mask = new ulong[MaskWords];
        foreach (var cpu in chosen)
        {
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        var saved = new Dictionary<int, ulong[]>();
        foreach (var thread in Threads())
        {
            if (Get(thread) is { } before && Set(thread, mask))
            {
                saved[thread] = before;
            }
        }

        return new CoreAffinity(chosen, saved, current);
    }

    public void Dispose()
    {
        foreach (var thread in Threads())
        {
            Set(thread, _saved.TryGetValue(thread, out var before) ? before : _fallback);
        }
    }

    private static List<int> CpusOf(ulong[] mask)
    {
        var cpus = new List<int>();
        for (var cpu = 0; cpu < mask.Length * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    private static IEnumerable<int> Threads()
    {
        foreach (var entry in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
            {
                yield return tid;
            }
        }
    }

    private static ulong[]? Get(int thread)
    {
        var mask = new ulong[MaskWords];
        return SchedGetAffinity(thread, MaskWords * sizeof(ulong), mask) == 0 ? mask : null;
    }

    // A thread that ended meanwhile cannot be set; nothing to restore for it either.
    private static bool Set(int thread, ulong[] mask) => SchedSetAffinity(thread, MaskWords * sizeof(ulong), mask) == 0;

    // DllImport rather than LibraryImport: the generated marshalling would need unsafe code in this project.
    [DllImport("libc", EntryPoint = "sched_getaffinity")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedGetAffinity(int pid, nint size, [Out] ulong[] mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SchedSetAffinity(int pid, nint size, [In] ulong[] mask);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EmgSessions.Core.Jobs;

/// <summary>
/// The lease-owner id of one process's workers. When the process has a data folder, the id is stable per host and
/// folder (<c>name@host:token.N</c>, the token kept in the lock file) and held exclusively through an OS lock on <c>.worker-N.lock</c> in that
/// folder: a lock dies with its process, so whoever holds identity N knows that no live process holds it too, and
/// may take back at once the leases a crashed predecessor left under that id (no double run). Without a folder, or
/// when every slot is taken, the id is unique per run (host, process id, random suffix) and nothing is taken back.
/// </summary>
public sealed class WorkerIdentity : IDisposable
{
    /// <summary>Stable identities tried per folder before falling back to a unique one.</summary>
    public const int MaxStableIdentities = 64;

    private readonly FileStream? _lock;
    private int _reclaimed;

    private WorkerIdentity(string id, FileStream? heldLock)
    {
        Id = id;
        _lock = heldLock;
    }

    /// <summary>The lease owner prefix; each slot appends <c>/slot</c>.</summary>
    public string Id { get; }

    /// <summary>True when <see cref="Id"/> is held exclusively (its old leases are this process's to take back).</summary>
    public bool IsStable => _lock is not null;

    /// <summary>A unique identity, as every process had before stable identities.</summary>
    public static WorkerIdentity Unique(string? name) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"{name ?? "emgs"}@{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}"), null);

    /// <summary>
    /// The first free stable identity of this host and <paramref name="directory"/> (created when missing), or a unique
    /// one when the folder cannot hold lock files or all <see cref="MaxStableIdentities"/> are held by live processes.
    /// </summary>
    public static WorkerIdentity Acquire(string? name, string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return Unique(name);
        }

        string folder;
        try
        {
            folder = Path.GetFullPath(directory);
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Unique(name);
        }

        for (var index = 0; index < MaxStableIdentities; index++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $".worker-{index}.lock"));
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock on Unix) that the OS drops when the process dies.
                var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new WorkerIdentity(string.Create(CultureInfo.InvariantCulture, $"{name ?? "emgs"}@{Environment.MachineName}:{Token(held)}.{index}"), held);
            }
            catch (IOException)
            {
                // Held by a live process: try the next one.
            }
            catch (UnauthorizedAccessException)
            {
                return Unique(name);
            }
        }

        return Unique(name);
    }

    /// <summary>
    /// The random token kept in the lock file (written by its first holder): two machines that share a host name and a
    /// folder path but not the folder (containers with their own volumes) never share an identity.
    /// </summary>
    private static string Token(FileStream held)
    {
        var buffer = new byte[32];
        var length = held.Read(buffer, 0, buffer.Length);
        var text = Encoding.ASCII.GetString(buffer, 0, length).Trim();
        if (text.Length == 12 && text.All(char.IsAsciiHexDigitLower))
        {
            return text;
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        held.SetLength(0);
        held.Write(Encoding.ASCII.GetBytes(token));
        held.Flush(flushToDisk: true);
        return token;
    }

    /// <summary>True once per stable identity: the caller should take back the leases its predecessor left.</summary>
    public bool TakeReclaimTurn() => IsStable && Interlocked.Exchange(ref _reclaimed, 1) == 0;

    public void Dispose() => _lock?.Dispose();
}

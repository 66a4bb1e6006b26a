using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>
/// Which file a path names (device, inode and birth time on Linux), so that readiness can tell when the SQLite file a
/// store opened was deleted or replaced under it: its connections would go on writing into a file no one will open
/// again. The birth time matters: ext4 gives a file created right after a deletion the inode just freed.
/// </summary>
internal readonly record struct SqliteFileIdentity(ulong Device, ulong Inode, long BornSeconds, uint BornNanoseconds)
{
    /// <summary>The identity of the file at <paramref name="path"/>; null when it does not exist or (off Linux) cannot be told.</summary>
    public static SqliteFileIdentity? Of(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            return new SqliteFileIdentity(0, 0, 0, 0);
        }

        // struct statx has one layout on every Linux architecture: stx_ino at 0x20, stx_dev_major/minor at 0x88/0x8c.
        var buffer = new byte[256];
        try
        {
            if (Native.Statx(AtCurrentDirectory, path, 0, StatxBasicStats | StatxBirthTime, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new SqliteFileIdentity(0, 0, 0, 0);
        }

        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(0x88)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(0x8c));
        var inode = BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(0x20))
            : BinaryPrimitives.ReadUInt64BigEndian(buffer.AsSpan(0x20));
        var mask = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(0));
        if ((mask & StatxBirthTime) == 0)
        {
            return new SqliteFileIdentity(device, inode, 0, 0);
        }

        // stx_btime at 0x50: tv_sec (signed 64 bits), tv_nsec (32 bits).
        var bornSeconds = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(0x50));
        var bornNanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(0x58));
        return new SqliteFileIdentity(device, inode, bornSeconds, bornNanoseconds);
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxBasicStats = 0x7ff;
    private const uint StatxBirthTime = 0x800;

    private static class Native
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
    }
}

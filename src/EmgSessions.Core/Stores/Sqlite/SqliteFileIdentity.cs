using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>
/// Which file a path names (device and inode on Linux), so that readiness can tell when the SQLite file a store
/// opened was deleted or replaced under it: its connections would go on writing into a file no one will open again.
/// </summary>
internal readonly record struct SqliteFileIdentity(ulong Device, ulong Inode)
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
            return new SqliteFileIdentity(0, 0);
        }

        // struct statx has one layout on every Linux architecture: stx_ino at 0x20, stx_dev_major/minor at 0x88/0x8c.
        var buffer = new byte[256];
        try
        {
            if (Native.Statx(AtCurrentDirectory, path, 0, StatxBasicStats, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new SqliteFileIdentity(0, 0);
        }

        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(0x88)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(0x8c));
        var inode = BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(0x20))
            : BinaryPrimitives.ReadUInt64BigEndian(buffer.AsSpan(0x20));
        return new SqliteFileIdentity(device, inode);
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxBasicStats = 0x7ff;

    private static class Native
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
    }
}

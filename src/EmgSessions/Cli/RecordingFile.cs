using System.IO.MemoryMappedFiles;
using EmgSessions.C3d;

namespace EmgSessions.Cli;

/// <summary>
/// Reads and decodes a C3D file named on the command line. A large file is decoded straight from a read-only memory map
/// instead of a byte array: the array of a 60-minute recording (59 MB) stayed in the heap, garbage but not yet collected,
/// through the whole analysis (BENCHMARKS.md, issue 16), whereas the mapped pages are let go as soon as decoding ends.
/// Small files (every usual recording) are read into an array as before. Either way the reader sees the same bytes.
/// </summary>
internal static class RecordingFile
{
    /// <summary>Files of at least this many bytes are mapped (a 16-minute GHOSTLY recording; 175 s is 2.9 MB).</summary>
    public const long MapThreshold = 16L * 1024 * 1024;

    /// <exception cref="IOException">and the other exceptions of opening a file: it could not be read.</exception>
    /// <exception cref="C3dFormatException">It is not a readable C3D file.</exception>
    public static Task<C3dRecording> ReadAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, MapThreshold, null, cancellationToken);

    /// <summary>As <see cref="ReadAsync(string, CancellationToken)"/>, decoding only the analog channels <paramref name="analogChannels"/> selects.</summary>
    public static Task<C3dRecording> ReadAsync(string path, Func<C3dInfo, IReadOnlyList<bool>>? analogChannels, CancellationToken cancellationToken) =>
        ReadAsync(path, MapThreshold, analogChannels, cancellationToken);

    internal static async Task<C3dRecording> ReadAsync(
        string path, long mapThreshold, Func<C3dInfo, IReadOnlyList<bool>>? analogChannels, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        await using (stream.ConfigureAwait(false))
        {
            var length = stream.Length;
            if (length > Array.MaxLength)
            {
                throw new IOException($"the file is {length} bytes, too large to read");
            }

            if (length < Math.Max(1, mapThreshold))
            {
                var bytes = new byte[length];
                await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return Decode(bytes, analogChannels);
            }

            return ReadMapped(stream, (int)length, analogChannels);
        }
    }

    private static C3dRecording Decode(ReadOnlySpan<byte> bytes, Func<C3dInfo, IReadOnlyList<bool>>? analogChannels) =>
        analogChannels is null ? C3dReader.Read(bytes) : C3dReader.Read(bytes, analogChannels);

    private static unsafe C3dRecording ReadMapped(FileStream stream, int length, Func<C3dInfo, IReadOnlyList<bool>>? analogChannels)
    {
        using var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        var handle = view.SafeMemoryMappedViewHandle;
        byte* pointer = null;
        handle.AcquirePointer(ref pointer);
        try
        {
            return Decode(new ReadOnlySpan<byte>(pointer + view.PointerOffset, length), analogChannels);
        }
        finally
        {
            handle.ReleasePointer();
        }
    }
}

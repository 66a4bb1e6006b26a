using System.Text;

namespace EmgSessions.Core.Stores.Sqlite;

/// <summary>
/// A single-active-instance lock for SQLite deployments: an exclusive lock on a file beside the database
/// (<c>emgs.db.NAME.lock</c>). The operating system releases it when the holder exits, even on a crash.
/// </summary>
internal sealed class SqliteSingletonLock : IAsyncDisposable
{
    private readonly FileStream _stream;

    private SqliteSingletonLock(FileStream stream) => _stream = stream;

    public static SqliteSingletonLock? TryAcquire(string databasePath, string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        var path = $"{databasePath}.{safe}.lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new SqliteSingletonLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}

using EmgSessions.Core.Database;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmgSessions.Testing.Databases;

/// <summary>
/// A SQLite file migrated once per test process, which <see cref="TestDatabase"/> copies instead of running
/// every migration for every test. Built under a lock by the first caller; its folder is deleted at process exit.
/// </summary>
internal static class SqliteTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    public static async Task CopyToAsync(string destination)
    {
        var template = await PathAsync();
        File.Copy(template, destination);
        if (File.Exists(template + "-wal"))
        {
            File.Copy(template + "-wal", destination + "-wal");
        }
    }

    private static async Task<string> PathAsync()
    {
        if (Volatile.Read(ref _path) is { } built)
        {
            return built;
        }

        await Gate.WaitAsync();
        try
        {
            if (_path is null)
            {
                var folder = Directory.CreateTempSubdirectory("emgs-template-").FullName;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => TestDatabase.DeleteSqliteFolder(folder);
                var path = Path.Combine(folder, "emgs.db");
                await using (var store = SessionStoreFactory.Create("sqlite:" + path, NullLoggerFactory.Instance))
                {
                    await store.MigrateAsync(CancellationToken.None);
                }

                // Closing the pooled connections checkpoints the WAL into the file, so the copy is one file.
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Volatile.Write(ref _path, path);
            }

            return _path;
        }
        finally
        {
            Gate.Release();
        }
    }
}

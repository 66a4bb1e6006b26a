using EmgSessions.Core.Stores.Sqlite;

namespace EmgSessions.Core.Tests.Stores;

public sealed class SqliteFileIdentityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("emgs-identity-").FullName;

    /// <summary>ext4 hands a freed inode straight back to the next file created: the case readiness once took for the same file.</summary>
    [Fact]
    public void A_file_created_where_one_was_just_deleted_is_another_file_even_when_it_gets_the_freed_inode()
    {
        var path = Path.Combine(_folder, "sessions.db");
        for (var round = 0; round < 20; round++)
        {
            File.WriteAllText(path, "first");
            var first = SqliteFileIdentity.Of(path);
            File.Delete(path);
            File.WriteAllText(path, "second");
            var second = SqliteFileIdentity.Of(path);
            File.Delete(path);

            Assert.NotNull(first);
            Assert.NotNull(second);
            Assert.NotEqual(first, second);
        }
    }

    [Fact]
    public void The_same_file_keeps_its_identity_through_writes()
    {
        var path = Path.Combine(_folder, "sessions.db");
        File.WriteAllText(path, "first");
        var before = SqliteFileIdentity.Of(path);
        File.AppendAllText(path, "more");

        Assert.Equal(before, SqliteFileIdentity.Of(path));
    }

    [Fact]
    public void A_missing_file_has_no_identity()
    {
        Assert.Null(SqliteFileIdentity.Of(Path.Combine(_folder, "absent.db")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

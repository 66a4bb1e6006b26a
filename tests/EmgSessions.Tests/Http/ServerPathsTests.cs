using EmgSessions.Core.Application;

namespace EmgSessions.Tests.Http;

public sealed class ServerPathsTests
{
    [Theory]
    [InlineData("Spool unavailable: No space left on device : '/var/lib/emgs/spool/abc.tmp'", "Spool unavailable: No space left on device : '<server path>'")]
    [InlineData("Cannot read b/k.c3d: File name too long : /tmp/emgs/storage/b/k.c3d", "Cannot read b/k.c3d: File name too long : <server path>")]
    [InlineData(@"Access to the path C:\data\emgs.db is denied.", "Access to the path <server path> is denied.")]
    [InlineData("Object not found: c3d-examples/P005/session1/x.c3d", "Object not found: c3d-examples/P005/session1/x.c3d")]
    [InlineData("Cannot write b/k: The file '<storage>/b/P1' already exists.", "Cannot write b/k: The file '<storage>/b/P1' already exists.")]
    [InlineData("see https://example.supabase.co/storage/v1/object", "see https://example.supabase.co/storage/v1/object")]
    public void Absolute_paths_are_replaced_and_keys_and_urls_are_kept(string message, string expected)
    {
        Assert.Equal(expected, ServerPaths.Redact(message));
    }
}

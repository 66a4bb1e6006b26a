using EmgSessions.Core.Jobs;
using EmgSessions.Core.Sessions.Processing;

namespace EmgSessions.Core.Tests.Jobs;

public sealed class WorkerIdentityTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("emgs-identity-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Live_holders_of_one_folder_get_different_identities_and_a_freed_one_comes_back_unchanged()
    {
        var folder = Path.Combine(_root, "workers");
        string firstId;
        using (var first = WorkerIdentity.Acquire("emgs", folder))
        {
            using var second = WorkerIdentity.Acquire("emgs", folder);
            firstId = first.Id;
            Assert.True(first.IsStable);
            Assert.True(second.IsStable);
            Assert.NotEqual(first.Id, second.Id);
            Assert.StartsWith($"emgs@{Environment.MachineName}:", first.Id, StringComparison.Ordinal);
            Assert.True(first.TakeReclaimTurn());
            Assert.False(first.TakeReclaimTurn());
        }

        // The first identity is free again (its holder is gone): the next process takes it, with the same id.
        using var again = WorkerIdentity.Acquire("emgs", folder);
        Assert.Equal(firstId, again.Id);
    }

    [Fact]
    public void Another_folder_at_another_place_never_shares_an_identity_and_no_folder_means_a_unique_one()
    {
        using var here = WorkerIdentity.Acquire("emgs", Path.Combine(_root, "a"));
        using var there = WorkerIdentity.Acquire("emgs", Path.Combine(_root, "b"));
        using var nowhere = WorkerIdentity.Acquire("emgs", null);

        Assert.NotEqual(here.Id, there.Id);
        Assert.False(nowhere.IsStable);
        Assert.False(nowhere.TakeReclaimTurn());
    }
}

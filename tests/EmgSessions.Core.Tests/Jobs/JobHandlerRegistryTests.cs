using EmgSessions.Core.Jobs;
using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Tests.Jobs;

public sealed class JobHandlerRegistryTests
{
    [Fact]
    public void Each_kind_finds_its_own_handler_and_an_unknown_kind_finds_none()
    {
        var alpha = new ScriptedJobHandler("alpha");
        var beta = new ScriptedJobHandler("beta");

        var registry = new JobHandlerRegistry([beta, alpha]);

        Assert.Same(alpha, registry.Find("alpha"));
        Assert.Same(beta, registry.Find("beta"));
        Assert.Null(registry.Find("Alpha"));
        Assert.Null(registry.Find("gamma"));
        Assert.Equal(["alpha", "beta"], registry.Kinds);
    }

    [Fact]
    public void Two_handlers_for_one_kind_are_refused_with_both_names()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new JobHandlerRegistry([new ScriptedJobHandler(JobKinds.ProcessSession), new ScriptedJobHandler("other"), new ScriptedJobHandler(JobKinds.ProcessSession)]));

        Assert.Contains("Two job handlers for the kind 'process-session'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ScriptedJobHandler), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handler_without_a_kind_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JobHandlerRegistry([new ScriptedJobHandler(" ")]));

        Assert.Contains("names no kind", error.Message, StringComparison.Ordinal);
    }
}

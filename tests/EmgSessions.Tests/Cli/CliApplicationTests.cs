using EmgSessions.Cli;

namespace EmgSessions.Tests.Cli;

public sealed class CliApplicationTests
{
    [Fact]
    public void Every_verb_class_of_the_executable_is_in_the_hand_written_list()
    {
        // The list replaced an assembly scan at start-up; a new verb must be added to it by hand.
        var verbTypes = typeof(CliApplication).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(verbTypes, CliApplication.Commands.Values.Select(c => c.GetType()).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(13, verbTypes.Length);
        Assert.All(CliApplication.Commands, entry => Assert.Equal(entry.Key, entry.Value.Name));
    }
}

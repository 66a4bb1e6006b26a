using EmgSessions.Core.Stores;

namespace EmgSessions.Core.Tests.Stores;

/// <summary>The engine-neutral Phase 1 decision and retry policy that both stores run (system.md §3.4).</summary>
public sealed class RegistrationDecisionTests
{
    private static readonly Guid PathId = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid HashId = Guid.Parse("00000000-0000-0000-0000-000000000002");

    [Fact]
    public void The_same_path_with_the_same_content_is_a_repeated_delivery()
    {
        Assert.Equal(RegistrationStep.AlreadyRegistered, RegistrationDecision.Decide("h", new ExistingSession(PathId, "h"), new ExistingSession(PathId, "P/a.c3d")));
    }

    [Fact]
    public void Content_known_under_another_path_is_a_duplicate_even_when_the_path_exists_with_other_content()
    {
        Assert.Equal(RegistrationStep.DuplicateContent, RegistrationDecision.Decide("h", null, new ExistingSession(HashId, "P/b.c3d")));
        Assert.Equal(RegistrationStep.DuplicateContent, RegistrationDecision.Decide("h", new ExistingSession(PathId, "old"), new ExistingSession(HashId, "P/b.c3d")));
    }

    [Fact]
    public void A_known_path_with_new_content_is_an_overwrite()
    {
        Assert.Equal(RegistrationStep.Overwrite, RegistrationDecision.Decide("new", new ExistingSession(PathId, "old"), null));
    }

    [Fact]
    public void A_conflict_whose_row_is_gone_is_decided_again()
    {
        Assert.Equal(RegistrationStep.Vanished, RegistrationDecision.Decide("h", null, null));
    }

    [Fact]
    public async Task A_vanished_row_is_retried_on_both_engines_alike_until_the_attempt_decides()
    {
        var calls = 0;
        var expected = new SessionRegistration(PathId, RegistrationOutcome.Created);
        var registration = await RegistrationDecision.RegisterAsync("P/a.c3d", () => Task.FromResult(++calls < 3 ? null : expected), _ => false);

        Assert.Equal(expected, registration);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_unique_violation_is_retried_and_the_last_of_five_is_reported()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<TimeoutException>(() => RegistrationDecision.RegisterAsync(
            "P/a.c3d", () => { calls++; throw new TimeoutException("conflict"); }, ex => ex is TimeoutException));

        Assert.Equal("conflict", error.Message);
        Assert.Equal(RegistrationDecision.MaxAttempts, calls);
        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task Rows_that_keep_vanishing_give_up_after_five_attempts_with_a_message_that_says_what_to_do()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RegistrationDecision.RegisterAsync(
            "P/a.c3d", () => { calls++; return Task.FromResult<SessionRegistration?>(null); }, _ => false));

        Assert.Equal(5, calls);
        Assert.Contains("P/a.c3d", error.Message, StringComparison.Ordinal);
        Assert.Contains("send the upload again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_failure_is_not_retried()
    {
        var calls = 0;
        await Assert.ThrowsAsync<ArgumentException>(() => RegistrationDecision.RegisterAsync(
            "P/a.c3d", () => { calls++; throw new ArgumentException("bad"); }, ex => ex is TimeoutException));

        Assert.Equal(1, calls);
    }
}

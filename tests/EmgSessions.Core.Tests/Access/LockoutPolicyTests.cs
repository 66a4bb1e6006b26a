using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

public sealed class LockoutPolicyTests
{
    [Fact]
    public void The_default_policy_locks_at_the_fifth_failure_and_doubles_up_to_an_hour()
    {
        var delays = Enumerable.Range(1, 14).Select(LockoutPolicy.Default.DelayAfter).ToList();

        Assert.Equal(
            [null, null, null, null, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60],
            delays.Select(delay => delay?.TotalMinutes).ToList());
    }

    [Fact]
    public void A_huge_failure_count_stays_at_the_maximum_delay()
    {
        Assert.Equal(TimeSpan.FromHours(1), LockoutPolicy.Default.DelayAfter(int.MaxValue));
    }
}

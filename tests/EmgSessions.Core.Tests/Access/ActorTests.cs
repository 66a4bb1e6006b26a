using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

public sealed class ActorTests
{
    [Fact]
    public void Each_kind_of_actor_names_itself_and_its_role_for_the_audit_trail()
    {
        var therapistId = Guid.NewGuid();

        Assert.Equal(("nightly-export", "machine", ActorKind.Machine), Describe(Actor.Machine("nightly-export")));
        Assert.Equal(("local", "local", ActorKind.LocalUser), Describe(Actor.LocalUser));
        Assert.Equal(("admin@example.org", "admin", ActorKind.Person), Describe(Actor.Admin("admin@example.org")));
        Assert.Equal(("r@example.org", "researcher", ActorKind.Person), Describe(Actor.Researcher("r@example.org")));
        var therapist = Actor.Therapist("t@example.org", therapistId);
        Assert.Equal(("t@example.org", "therapist", ActorKind.Person), Describe(therapist));
        Assert.Equal(therapistId, therapist.TherapistId);
    }

    [Fact]
    public void Only_a_therapist_can_carry_a_patient_scope()
    {
        var error = Assert.Throws<ArgumentException>(() => Actor.Person("a@example.org", Role.Admin, Guid.NewGuid()));

        Assert.Contains("patient scope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_actor_needs_a_name()
    {
        Assert.Throws<ArgumentException>(() => Actor.Machine(" "));
        Assert.Throws<ArgumentException>(() => Actor.Admin(""));
    }

    [Theory]
    [InlineData("admin", (int)Role.Admin)]
    [InlineData(" Therapist ", (int)Role.Therapist)]
    [InlineData("RESEARCHER", (int)Role.Researcher)]
    public void Role_names_parse_whatever_their_case(string text, int expected)
    {
        Assert.True(RoleNames.TryParse(text, out var role));
        Assert.Equal((Role)expected, role);
        Assert.Equal(text.Trim().ToLowerInvariant(), RoleNames.Of(role));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("superuser")]
    [InlineData("machine")]
    public void Anything_else_is_not_a_role(string? text) => Assert.False(RoleNames.TryParse(text, out _));

    private static (string, string, ActorKind) Describe(Actor actor) => (actor.Name, actor.RoleName, actor.Kind);
}

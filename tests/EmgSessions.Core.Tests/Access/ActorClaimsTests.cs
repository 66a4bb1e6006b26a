using System.Security.Claims;
using EmgSessions.Core.Access;

namespace EmgSessions.Core.Tests.Access;

public sealed class ActorClaimsTests
{
    private static readonly Guid TherapistId = Guid.Parse("0b6c1f1e-0000-4000-8000-00000000000a");

    public static TheoryData<string> Actors() => ["machine", "local", "admin", "therapist", "unlinked therapist", "researcher"];

    [Theory]
    [MemberData(nameof(Actors))]
    public void Every_kind_of_actor_survives_the_round_trip_through_a_principal(string which)
    {
        var actor = Build(which);

        var back = ActorClaims.ToActor(ActorClaims.ToPrincipal(actor, "Test"));

        Assert.Equal(actor, back);
    }

    [Fact]
    public void An_anonymous_principal_carries_no_actor()
    {
        Assert.Null(ActorClaims.ToActor(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Null(ActorClaims.ToActor(null));
    }

    [Fact]
    public void A_principal_with_an_unknown_role_or_kind_carries_no_actor()
    {
        var unknownRole = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "a@b.c"), new Claim(ActorClaims.KindClaim, "person"), new Claim(ClaimTypes.Role, "owner")],
            "Test");
        var unknownKind = new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ActorClaims.KindClaim, "robot")], "Test");

        Assert.Null(ActorClaims.ToActor(new ClaimsPrincipal(unknownRole)));
        Assert.Null(ActorClaims.ToActor(new ClaimsPrincipal(unknownKind)));
    }

    [Fact]
    public void A_therapist_id_on_a_researcher_or_a_malformed_one_carries_no_actor()
    {
        var researcherWithScope = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "r@b.c"), new Claim(ActorClaims.KindClaim, "person"),
                new Claim(ClaimTypes.Role, "researcher"), new Claim(ActorClaims.TherapistIdClaim, TherapistId.ToString()),
            ],
            "Test");
        var malformed = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "t@b.c"), new Claim(ActorClaims.KindClaim, "person"),
                new Claim(ClaimTypes.Role, "therapist"), new Claim(ActorClaims.TherapistIdClaim, "not-a-uuid"),
            ],
            "Test");

        Assert.Null(ActorClaims.ToActor(new ClaimsPrincipal(researcherWithScope)));
        Assert.Null(ActorClaims.ToActor(new ClaimsPrincipal(malformed)));
    }

    private static Actor Build(string which) => which switch
    {
        "machine" => Actor.Machine("ingest-bot"),
        "local" => Actor.LocalUser,
        "admin" => Actor.Admin("admin@clinic.test"),
        "therapist" => Actor.Therapist("t@clinic.test", TherapistId),
        "unlinked therapist" => Actor.Therapist("u@clinic.test", null),
        _ => Actor.Researcher("r@clinic.test"),
    };
}

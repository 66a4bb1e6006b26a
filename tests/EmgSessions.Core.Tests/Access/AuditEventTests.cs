using System.Reflection;
using EmgSessions.Core.Access;
using Microsoft.Extensions.Time.Testing;

namespace EmgSessions.Core.Tests.Access;

public sealed class AuditEventTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void An_event_by_an_actor_carries_who_what_on_which_subject_from_where_and_when()
    {
        var therapist = Actor.Therapist("t@example.org", Guid.NewGuid());
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["fields"] = "notes" };

        var entry = AuditEvent.By(therapist, AuditActions.SessionChanged, _clock, "session", "42", "192.0.2.7", details);

        Assert.Equal(
            (_clock.GetUtcNow(), "t@example.org", "therapist", "session.changed", "session", "42", "192.0.2.7"),
            (entry.At, entry.Actor, entry.ActorRole, entry.Action, entry.SubjectType, entry.SubjectId, entry.Ip));
        Assert.Equal("notes", entry.Details["fields"]);
        Assert.Equal(7, entry.Id.Version);
    }

    [Fact]
    public void Event_ids_sort_in_the_order_the_events_happened()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(AuditEvent.By(Actor.LocalUser, AuditActions.PatientRead, _clock).Id);
            _clock.Advance(TimeSpan.FromMilliseconds(2));
        }

        Assert.Equal(ids, ids.Order().ToList());
    }

    [Fact]
    public void Machines_and_the_local_user_are_named_with_their_kind_as_role()
    {
        Assert.Equal("machine", AuditEvent.By(Actor.Machine("nightly-export"), AuditActions.Export, _clock).ActorRole);
        Assert.Equal("local", AuditEvent.By(Actor.LocalUser, AuditActions.Export, _clock).ActorRole);
        Assert.Empty(AuditEvent.By(Actor.LocalUser, AuditActions.Export, _clock).Details);
    }

    [Fact]
    public void The_audit_sink_can_only_append()
    {
        var methods = typeof(IAuditSink).GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(method => method.Name).ToList();

        Assert.Equal(["AppendAsync"], methods);
    }

    [Fact]
    public void An_event_needs_an_action()
    {
        Assert.Throws<ArgumentException>(() => AuditEvent.By(Actor.LocalUser, " ", _clock));
    }
}

using Xunit.Abstractions;

namespace EmgSessions.Tests.Adoption;

/// <summary>State b after DROP TRIGGER update_therapy_sessions_updated_at.</summary>
public sealed class PredecessorBWithoutTriggerAdoptionTests(ITestOutputHelper output) : PredecessorAdoptionTests(PredecessorState.BWithoutTrigger, output);

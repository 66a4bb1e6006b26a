namespace EmgSessions.Tests.Adoption;

public sealed class PredecessorBWithoutTriggerAdoptionTests() : PredecessorAdoptionTests(PredecessorState.BWithoutTrigger);

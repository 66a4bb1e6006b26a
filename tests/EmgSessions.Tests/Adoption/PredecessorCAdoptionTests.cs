namespace EmgSessions.Tests.Adoption;

public sealed class PredecessorCAdoptionTests() : PredecessorAdoptionTests(PredecessorState.C);

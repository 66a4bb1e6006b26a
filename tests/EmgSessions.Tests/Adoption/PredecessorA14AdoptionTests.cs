namespace EmgSessions.Tests.Adoption;

public sealed class PredecessorA14AdoptionTests() : PredecessorAdoptionTests(PredecessorState.A14);

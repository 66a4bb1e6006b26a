namespace EmgSessions.Tests.Adoption;

public sealed class PredecessorBAdoptionTests() : PredecessorAdoptionTests(PredecessorState.B);

namespace EmgSessions.Tests.Adoption;

/// <summary>State a: the predecessor's therapists table and patients with names and date of birth.</summary>
public sealed class PredecessorAPeopleTests() : PredecessorPeopleTests(PredecessorState.A);

namespace EmgSessions.Tests.Adoption;

/// <summary>State c (September): therapists are user_profiles rows; patients carry targets but no names.</summary>
public sealed class PredecessorCPeopleTests() : PredecessorPeopleTests(PredecessorState.C);

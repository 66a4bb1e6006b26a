namespace EmgSessions.Tests.Adoption;

/// <summary>State a: therapists and researcher_profiles rows, patients with names and dates of birth.</summary>
public sealed class PredecessorASupabaseSessionsTests() : PredecessorSupabaseSessionsTests(PredecessorState.A);

namespace EmgSessions.Tests.Adoption;

/// <summary>State c (September 2025): user_profiles rows as roles, patients without names.</summary>
public sealed class PredecessorCSupabaseSessionsTests() : PredecessorSupabaseSessionsTests(PredecessorState.C);

using Xunit.Abstractions;

namespace EmgSessions.Tests.Adoption;

/// <summary>State c: the September 2025 live schema.</summary>
public sealed class PredecessorCAdoptionTests(ITestOutputHelper output) : PredecessorAdoptionTests(PredecessorState.C, output);

using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests.Fuzzing;

/// <summary>A bounded mutation fuzz run over every shared file: only C3dFormatException may escape.</summary>
public sealed class MutationFuzzTests
{
    [Fact]
    public void Three_thousand_seeded_mutations_never_escape_the_contract()
    {
        var seeds = C3dWriterTests.AllPaths.Select(File.ReadAllBytes)
            .Where(b => b.Length < 2_000_000) // the largest GHOSTLY sample adds time, not coverage
            .ToArray();
        var mutator = new C3dMutator(0xC3D_F022);
        var outcomes = new Dictionary<DamagedInput.Outcome, int>();
        for (var i = 0; i < 3000; i++)
        {
            var original = seeds[i % seeds.Length];
            var (bytes, description) = mutator.Mutate(original);
            if (mutator.Below(4) == 0)
            {
                (bytes, var second) = mutator.Mutate(bytes);
                description += "; " + second;
            }

            var outcome = DamagedInput.Check(bytes, $"iteration {i}: {description}");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Both outcomes occur: the fuzzer reaches the rejection paths and the partial-read paths.
        Assert.True(outcomes.GetValueOrDefault(DamagedInput.Outcome.Read) > 100);
        Assert.True(outcomes.GetValueOrDefault(DamagedInput.Outcome.Rejected) > 10);
    }
}

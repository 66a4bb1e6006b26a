using EmgSessions.Testing;

namespace EmgSessions.C3d.Tests.Fuzzing;

/// <summary>
/// A bounded mutation fuzz run over every shared file: only C3dFormatException may escape. 3,000 iterations by
/// default; <c>EMGS_FUZZ_ITERATIONS</c> and <c>EMGS_FUZZ_SEED</c> run it longer or elsewhere.
/// </summary>
public sealed class MutationFuzzTests
{
    [Fact]
    public void Seeded_mutations_never_escape_the_contract()
    {
        var seeds = C3dWriterTests.AllPaths.Select(File.ReadAllBytes)
            .Where(b => b.Length < 2_000_000) // the largest GHOSTLY sample adds time, not coverage
            .ToArray();
        var iterations = FuzzBudget.Iterations(3000);
        var mutator = new C3dMutator(FuzzBudget.Seed(0xC3D_F022UL));
        var outcomes = new Dictionary<DamagedInput.Outcome, int>();
        for (var i = 0; i < iterations; i++)
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
        Assert.True(outcomes.GetValueOrDefault(DamagedInput.Outcome.Read) > iterations / 30);
        Assert.True(outcomes.GetValueOrDefault(DamagedInput.Outcome.Rejected) > iterations / 300);
    }
}

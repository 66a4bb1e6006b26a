using System.Runtime.InteropServices;
using System.Security.Cryptography;
using EmgSessions.Analysis.Numerics;

namespace EmgSessions.Analysis.Tests.Numerics;

/// <summary>
/// The filter's output, bit for bit, as it was before its forward and backward passes shared one step: a SHA-256 of
/// the output doubles' bytes (little-endian) for fixed inputs, recorded from that code. A change of any bit of any
/// sample changes the digest; no tolerance.
/// </summary>
public sealed class ZeroPhaseFilterFingerprintTests
{
    [Theory]
    [InlineData(true, 16, "c0f9768d843924a8f9e341bf4debaee29f27e40afdcafcbc5a0cd52da3823eae")]
    [InlineData(true, 1_000, "49d268f605f8c262f88ce1d7cca17d642cfdb6169638aac2d6a9bb6c5e956aa5")]
    [InlineData(true, 63_150, "f0bb3cb49f9e352707b68e01092353dcc6db3cc045014a236c01acae58a1b423")]
    [InlineData(false, 16, "648ce19af81410b2c1b5ea4e3a4547f810dbcc174ddd458534c3034c0fdfc643")]
    [InlineData(false, 1_000, "f1402059f2e65e509d774cb9f8b2c41c528f40ba34e51db6a3621b8b31cfa59a")]
    [InlineData(false, 63_150, "e983b845224325f0fa726e5a1a1bea0da8f2251a8dba13d9c756457479a3ed78")]
    public void One_signal_is_filtered_to_the_recorded_bits(bool highPass, int length, string expected)
    {
        var x = Noise(length, (ulong)length, offset: 0.25);
        var output = new double[length];

        ZeroPhaseFilter.Apply(Filter(highPass), x, output);

        Assert.Equal(expected, Digest(output));
    }

    [Theory]
    [InlineData(true, 1_000, "8a20a916c1fac2ecbf77d19853df2e9ef7f0f2313504e7d05d318b8b87fcd827 6edb56f3111f4684215f6cf967b0f37e08bf5d47bd7441fbe72daf8802e3580f")]
    [InlineData(false, 63_150, "f15deba9bf4f9437e5381cd5ad4a2b95575007c85a7ba316fb93a6d3f12ab1be 4c43c292294fc99aea94283f07f84d4afec643534a4e8eb5bd00645747e4fd05")]
    public void A_pair_of_signals_is_filtered_to_the_recorded_bits(bool highPass, int length, string expected)
    {
        var a = Noise(length, 41, offset: 0.1);
        var b = Noise(length, 42, offset: -0.3);
        var outputA = new double[length];
        var outputB = new double[length];

        ZeroPhaseFilter.ApplyPair(Filter(highPass), a, b, outputA, outputB);

        Assert.Equal(expected, Digest(outputA) + " " + Digest(outputB));
    }

    private static IirCoefficients Filter(bool highPass) =>
        highPass ? Butterworth.HighPass(20 / 495.0) : Butterworth.LowPass(10 / 495.0);

    private static string Digest(double[] values)
    {
        Assert.True(BitConverter.IsLittleEndian, "The recorded digests are of little-endian doubles.");
        return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
    }

    private static double[] Noise(int n, ulong seed, double offset)
    {
        var x = new double[n];
        var state = seed;
        for (var i = 0; i < n; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            var u = (state >> 11) * (1.0 / (1UL << 53));
            x[i] = offset + ((u - 0.5) * 1e-3) + (2e-4 * Math.Sin(2 * Math.PI * 60 * i / 990.0));
        }

        return x;
    }
}

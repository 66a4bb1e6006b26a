using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// The 256-point real DFT X[k] = Σ x[n]·exp(−2πi·kn/256), k = 0…128, computed as a 128-point complex
/// radix-2 FFT of the even/odd pairs followed by the real split. Twiddles are tabulated once per stage from
/// Math.Cos/Math.Sin (no recurrences), so each bin is accurate to a few ulps of the spectrum's scale.
/// Butterflies of the stages of length ≥ 8 run four at a time.
/// </summary>
internal static class RealFft256
{
    public const int Size = 256;
    public const int Bins = (Size / 2) + 1;
    private const int Half = Size / 2;
    private const int Stages = 7;

    /// <summary>bit-reversal of 0…127 (7 bits).</summary>
    internal static readonly int[] BitReversed = BuildBitReversal();

    // Per stage s (length L = 2^s, s ≥ 3): cos/−sin of 2πj/L for j < L/2, stored contiguously at offset L/2 − 4.
    internal static readonly double[] StageCos = BuildStageTable(Math.Cos, negate: false);
    internal static readonly double[] StageSin = BuildStageTable(Math.Sin, negate: true);

    // Twiddles of the split: exp(-2πi k/256), k ≤ 128.
    internal static readonly double[] SplitCos = BuildTable(Half + 1, Size, Math.Cos, negate: false);
    internal static readonly double[] SplitSin = BuildTable(Half + 1, Size, Math.Sin, negate: true);

    /// <summary>Transforms 256 real samples into 129 complex bins (<paramref name="re"/>, <paramref name="im"/>).</summary>
    public static void Forward(ReadOnlySpan<double> x, Span<double> re, Span<double> im)
    {
        if (x.Length != Size || re.Length < Bins || im.Length < Bins)
        {
            throw new ArgumentException("RealFft256 needs 256 samples and 129-bin outputs.");
        }

        Span<double> zr = stackalloc double[Half];
        Span<double> zi = stackalloc double[Half];
        var reversal = BitReversed;
        for (var j = 0; j < Half; j++)
        {
            var r = reversal[j];
            zr[r] = x[2 * j];
            zi[r] = x[(2 * j) + 1];
        }

        Transform(zr, zi, re, im);
    }

    /// <summary>
    /// The 128-point complex FFT of (zr + i·zi), given in bit-reversed order, then the real split into
    /// <paramref name="re"/>/<paramref name="im"/> (129 bins). zr/zi are overwritten.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Transform(Span<double> zr, Span<double> zi, Span<double> re, Span<double> im)
    {
        if (zr.Length < Half || zi.Length < Half || re.Length < Bins || im.Length < Bins)
        {
            throw new ArgumentException("Transform needs 128-point inputs and 129-bin outputs.");
        }

        ref var r0 = ref MemoryMarshal.GetReference(zr);
        ref var i0 = ref MemoryMarshal.GetReference(zi);

        // Stages of length 2 and 4 together, without multiplications.
        for (nint i = 0; i < Half; i += 4)
        {
            double ar = Unsafe.Add(ref r0, i), ai = Unsafe.Add(ref i0, i);
            double br = Unsafe.Add(ref r0, i + 1), bi = Unsafe.Add(ref i0, i + 1);
            double cr = Unsafe.Add(ref r0, i + 2), ci = Unsafe.Add(ref i0, i + 2);
            double dr = Unsafe.Add(ref r0, i + 3), di = Unsafe.Add(ref i0, i + 3);
            double s0r = ar + br, s0i = ai + bi, d0r = ar - br, d0i = ai - bi;
            double s1r = cr + dr, s1i = ci + di, d1r = cr - dr, d1i = ci - di;
            Unsafe.Add(ref r0, i) = s0r + s1r;
            Unsafe.Add(ref i0, i) = s0i + s1i;
            Unsafe.Add(ref r0, i + 2) = s0r - s1r;
            Unsafe.Add(ref i0, i + 2) = s0i - s1i;

            // d1 · exp(-iπ/2) = d1 · (−i) = (d1i, −d1r).
            Unsafe.Add(ref r0, i + 1) = d0r + d1i;
            Unsafe.Add(ref i0, i + 1) = d0i - d1r;
            Unsafe.Add(ref r0, i + 3) = d0r - d1i;
            Unsafe.Add(ref i0, i + 3) = d0i + d1r;
        }

        ref var c0 = ref MemoryArrayStart(StageCos);
        ref var s0 = ref MemoryArrayStart(StageSin);
        for (var length = 8; length <= Half; length <<= 1)
        {
            var halfLength = length >> 1;
            var tableOffset = halfLength - 4;
            for (var start = 0; start < Half; start += length)
            {
                for (var j = 0; j < halfLength; j += 4)
                {
                    var top = (nuint)(start + j);
                    var bottom = top + (nuint)halfLength;
                    var wr = Vector256.LoadUnsafe(ref c0, (nuint)(tableOffset + j));
                    var wi = Vector256.LoadUnsafe(ref s0, (nuint)(tableOffset + j));
                    var br = Vector256.LoadUnsafe(ref r0, bottom);
                    var bi = Vector256.LoadUnsafe(ref i0, bottom);
                    var tr = (br * wr) - (bi * wi);
                    var ti = (br * wi) + (bi * wr);
                    var ar = Vector256.LoadUnsafe(ref r0, top);
                    var ai = Vector256.LoadUnsafe(ref i0, top);
                    (ar + tr).StoreUnsafe(ref r0, top);
                    (ai + ti).StoreUnsafe(ref i0, top);
                    (ar - tr).StoreUnsafe(ref r0, bottom);
                    (ai - ti).StoreUnsafe(ref i0, bottom);
                }
            }
        }

        // Split: E[k] = (Z[k] + conj Z[128−k]) / 2, O[k] = (Z[k] − conj Z[128−k]) / (2i), X[k] = E[k] + W^k O[k].
        ref var reOut = ref MemoryMarshal.GetReference(re);
        ref var imOut = ref MemoryMarshal.GetReference(im);
        reOut = r0 + i0;
        imOut = 0.0;
        Unsafe.Add(ref reOut, Half) = r0 - i0;
        Unsafe.Add(ref imOut, Half) = 0.0;
        ref var sc = ref MemoryArrayStart(SplitCos);
        ref var ss = ref MemoryArrayStart(SplitSin);
        for (nint k = 1; k < Half; k++)
        {
            var m = Half - k;
            double pr = Unsafe.Add(ref r0, k), pi = Unsafe.Add(ref i0, k);
            double qr = Unsafe.Add(ref r0, m), qi = -Unsafe.Add(ref i0, m);
            var er = 0.5 * (pr + qr);
            var ei = 0.5 * (pi + qi);

            // (p − q) / (2i) = ((pi − qi)/2, −(pr − qr)/2).
            var or = 0.5 * (pi - qi);
            var oi = -0.5 * (pr - qr);
            var wr = Unsafe.Add(ref sc, k);
            var wi = Unsafe.Add(ref ss, k);
            Unsafe.Add(ref reOut, k) = er + ((or * wr) - (oi * wi));
            Unsafe.Add(ref imOut, k) = ei + ((or * wi) + (oi * wr));
        }
    }

    private static ref double MemoryArrayStart(double[] array) => ref MemoryMarshal.GetArrayDataReference(array);

    private static double[] BuildStageTable(Func<double, double> function, bool negate)
    {
        // Offsets: length 8 → 0 (4 entries), 16 → 4 (8), 32 → 12 (16), 64 → 28 (32), 128 → 60 (64): 124 in all.
        var table = new double[Half - 4];
        for (var length = 8; length <= Half; length <<= 1)
        {
            var halfLength = length / 2;
            for (var j = 0; j < halfLength; j++)
            {
                // The same angle as the 128-point table entry j·(128/length), so every stage uses identical values.
                var value = function(2.0 * Math.PI * (j * (Half / length)) / Half);
                table[halfLength - 4 + j] = negate ? -value : value;
            }
        }

        return table;
    }

    private static double[] BuildTable(int count, int period, Func<double, double> function, bool negate)
    {
        var table = new double[count];
        for (var j = 0; j < count; j++)
        {
            var value = function(2.0 * Math.PI * j / period);
            table[j] = negate ? -value : value;
        }

        return table;
    }

    private static int[] BuildBitReversal()
    {
        var table = new int[Half];
        for (var i = 0; i < Half; i++)
        {
            var r = 0;
            for (var bit = 0; bit < Stages; bit++)
            {
                r |= ((i >> bit) & 1) << (Stages - 1 - bit);
            }

            table[i] = r;
        }

        return table;
    }
}

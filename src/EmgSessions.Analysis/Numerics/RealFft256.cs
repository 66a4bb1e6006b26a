namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// The 256-point real DFT X[k] = Σ x[n]·exp(−2πi·kn/256), k = 0…128, computed as a 128-point complex
/// radix-2 FFT of the even/odd pairs followed by the real split. Twiddles are tabulated once from
/// Math.Cos/Math.Sin (no recurrences), so each bin is accurate to a few ulps of the spectrum's scale.
/// </summary>
internal static class RealFft256
{
    public const int Size = 256;
    public const int Bins = (Size / 2) + 1;
    private const int Half = Size / 2;

    private static readonly int[] BitReversed = BuildBitReversal();

    // Twiddles of the 128-point transform: w^j = exp(-2πi j/128), j < 64.
    private static readonly double[] HalfCos = BuildTable(Half / 2, Half, Math.Cos);
    private static readonly double[] HalfSin = BuildTable(Half / 2, Half, Math.Sin);

    // Twiddles of the split: exp(-2πi k/256), k ≤ 128.
    private static readonly double[] SplitCos = BuildTable(Half + 1, Size, Math.Cos);
    private static readonly double[] SplitSin = BuildTable(Half + 1, Size, Math.Sin);

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

        var cos = HalfCos;
        var sin = HalfSin;

        // Stage 1 (length 2) and 2 (length 4) without multiplications.
        for (var i = 0; i < Half; i += 4)
        {
            double ar = zr[i], ai = zi[i], br = zr[i + 1], bi = zi[i + 1];
            double cr = zr[i + 2], ci = zi[i + 2], dr = zr[i + 3], di = zi[i + 3];
            double s0r = ar + br, s0i = ai + bi, d0r = ar - br, d0i = ai - bi;
            double s1r = cr + dr, s1i = ci + di, d1r = cr - dr, d1i = ci - di;
            zr[i] = s0r + s1r;
            zi[i] = s0i + s1i;
            zr[i + 2] = s0r - s1r;
            zi[i + 2] = s0i - s1i;

            // d1 · exp(-iπ/2) = d1 · (−i) = (d1i, −d1r).
            zr[i + 1] = d0r + d1i;
            zi[i + 1] = d0i - d1r;
            zr[i + 3] = d0r - d1i;
            zi[i + 3] = d0i + d1r;
        }

        for (var length = 8; length <= Half; length <<= 1)
        {
            var halfLength = length >> 1;
            var stride = Half / length;
            for (var start = 0; start < Half; start += length)
            {
                for (var j = 0; j < halfLength; j++)
                {
                    var wr = cos[j * stride];
                    var wi = sin[j * stride];
                    var top = start + j;
                    var bottom = top + halfLength;
                    var br = zr[bottom];
                    var bi = zi[bottom];
                    var tr = (br * wr) - (bi * wi);
                    var ti = (br * wi) + (bi * wr);
                    var ar = zr[top];
                    var ai = zi[top];
                    zr[top] = ar + tr;
                    zi[top] = ai + ti;
                    zr[bottom] = ar - tr;
                    zi[bottom] = ai - ti;
                }
            }
        }

        // Split: E[k] = (Z[k] + conj Z[128−k]) / 2, O[k] = (Z[k] − conj Z[128−k]) / (2i), X[k] = E[k] + W^k O[k].
        re[0] = zr[0] + zi[0];
        im[0] = 0.0;
        re[Half] = zr[0] - zi[0];
        im[Half] = 0.0;
        var splitCos = SplitCos;
        var splitSin = SplitSin;
        for (var k = 1; k < Half; k++)
        {
            var m = Half - k;
            double pr = zr[k], pi = zi[k], qr = zr[m], qi = -zi[m];
            var er = 0.5 * (pr + qr);
            var ei = 0.5 * (pi + qi);

            // (p − q) / (2i) = (−i/2)·(p − q) = ((pi − qi)/2, −(pr − qr)/2).
            var or = 0.5 * (pi - qi);
            var oi = -0.5 * (pr - qr);
            var wr = splitCos[k];
            var wi = splitSin[k];
            re[k] = er + ((or * wr) - (oi * wi));
            im[k] = ei + ((or * wi) + (oi * wr));
        }
    }

    private static double[] BuildTable(int count, int period, Func<double, double> function)
    {
        var table = new double[count];
        for (var j = 0; j < count; j++)
        {
            // exp(-2πi j/period): cos(θ), −sin(θ).
            var value = function(2.0 * Math.PI * j / period);
            table[j] = function == Math.Sin ? -value : value;
        }

        return table;
    }

    private static int[] BuildBitReversal()
    {
        var table = new int[Half];
        for (var i = 0; i < Half; i++)
        {
            var r = 0;
            for (var bit = 0; bit < 7; bit++)
            {
                r |= ((i >> bit) & 1) << (6 - bit);
            }

            table[i] = r;
        }

        return table;
    }
}

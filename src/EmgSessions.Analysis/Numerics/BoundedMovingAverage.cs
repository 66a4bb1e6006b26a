using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// The two questions the contraction detection asks of box_same(|x|, M) (<see cref="MovingAverage.SameOfAbsolute"/>):
/// its largest output, and which outputs lie above a threshold; answered with the exact bits of the ordered sums but
/// without storing them and without summing every window in order. Block by block, each output is first estimated from
/// prefix sums of the block's terms (O(1) an output) together with a bound on its distance to the ordered sum; only
/// where the bound leaves the answer open (near the peak, or within about 1e-12 of the threshold) is the block summed
/// in order.
/// </summary>
/// <remarks>
/// The bound: every term is ≥ 0, so the block's prefix sums rise to its total T. A prefix sum of j terms computed in
/// order is within j·u·T of its real value (u = 2⁻⁵³); a difference of two adds u·T; an ordered window sum of M terms is
/// within (M − 1)·u·T of its real value. So estimate and ordered sum differ by at most (3·L + M)·u·T for a block of L
/// terms (the prefix sums run in four chains whose offsets add one rounding); twice that is used, plus one smallest
/// subnormal per operation for results below the normal range.
/// </remarks>
internal static class BoundedMovingAverage
{
    /// <summary>Outputs per block.</summary>
    private const int BlockSize = 2048;

    /// <summary>Prefix-sum chains run side by side (independent additions keep the pipeline full).</summary>
    private const int Chains = 4;

    /// <summary>
    /// The largest output of box_same(|<paramref name="x"/>|, <paramref name="window"/>), bit for bit; false when a
    /// term or sum is not finite (the caller then sums every window in order).
    /// </summary>
    public static bool TryPeak(ReadOnlySpan<double> x, int window, out double peak)
    {
        peak = double.NegativeInfinity;
        var n = x.Length;
        var blocks = (n + BlockSize - 1) / BlockSize;
        using var buffers = new Buffers(window);
        var estimates = new double[blocks];
        var bounds = new double[blocks];
        var best = double.NegativeInfinity;
        var widest = 0.0;
        for (var b = 0; b < blocks; b++)
        {
            var start = b * BlockSize;
            var count = Math.Min(BlockSize, n - start);
            if (!buffers.Estimate(x, window, start, count, out var bound))
            {
                return false;
            }

            var largest = Largest(buffers.Estimates(count));

            estimates[b] = largest;
            bounds[b] = bound;
            best = Math.Max(best, largest);
            widest = Math.Max(widest, bound);
        }

        // The block holding the exact peak P has an estimate ≥ P − its bound, and P ≥ best − widest.
        for (var b = 0; b < blocks; b++)
        {
            if (estimates[b] + bounds[b] < best - widest)
            {
                continue;
            }

            var start = b * BlockSize;
            var count = Math.Min(BlockSize, n - start);
            foreach (var v in buffers.Ordered(x, window, start, count))
            {
                if (v > peak)
                {
                    peak = v;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The runs of outputs strictly above <paramref name="threshold"/>, as (first, first output not above), the last one
    /// ending at N − 1 when it reaches the end (§7.2); each output compared with its exact ordered sum. Call only after
    /// <see cref="TryPeak"/> returned true for the same input.
    /// </summary>
    public static List<(int Start, int End)> RunsAbove(ReadOnlySpan<double> x, int window, double threshold)
    {
        var n = x.Length;
        var runs = new List<(int Start, int End)>();
        using var buffers = new Buffers(window);
        Span<ulong> bits = stackalloc ulong[BlockSize / 64];
        var above = false;
        var open = -1;
        for (var start = 0; start < n; start += BlockSize)
        {
            var count = Math.Min(BlockSize, n - start);
            _ = buffers.Estimate(x, window, start, count, out var bound);
            var estimates = buffers.Estimates(count);

            // Estimates above threshold + bound are above, those at or below threshold − bound are not; any in between
            // and the whole block is compared on its ordered sums.
            var upper = threshold + bound;
            var decided = !AnyWithin(estimates, threshold - bound, upper);
            AboveBits(decided ? estimates : buffers.Ordered(x, window, start, count), decided ? upper : threshold, bits);

            for (var w = 0; w * 64 < count; w++)
            {
                var valid = Math.Min(64, count - (w * 64));
                var validMask = valid == 64 ? ulong.MaxValue : (1UL << valid) - 1;
                var word = bits[w] & validMask;
                var changes = (word ^ ((word << 1) | (above ? 1UL : 0UL))) & validMask;
                while (changes != 0)
                {
                    var bit = System.Numerics.BitOperations.TrailingZeroCount(changes);
                    var index = start + (w * 64) + bit;
                    if (((word >> bit) & 1) != 0)
                    {
                        open = index;
                    }
                    else
                    {
                        runs.Add((open, index));
                        open = -1;
                    }

                    changes &= changes - 1;
                }

                above = ((word >> (valid - 1)) & 1) != 0;
            }
        }

        if (above)
        {
            runs.Add((open, n - 1));
        }

        return runs;
    }

    private static double Largest(ReadOnlySpan<double> values)
    {
        var largest = double.NegativeInfinity;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= 4)
        {
            ref var v = ref MemoryMarshal.GetReference(values);
            var best = Vector256.Create(double.NegativeInfinity);
            for (; i + 4 <= values.Length; i += 4)
            {
                best = Vector256.Max(best, Vector256.LoadUnsafe(ref v, (nuint)i));
            }

            for (var lane = 0; lane < 4; lane++)
            {
                largest = Math.Max(largest, best[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            largest = Math.Max(largest, values[i]);
        }

        return largest;
    }

    /// <summary>Whether any value lies in (<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    private static bool AnyWithin(ReadOnlySpan<double> values, double lower, double upper)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var v = ref MemoryMarshal.GetReference(values);
            var lo = Vector256.Create(lower);
            var hi = Vector256.Create(upper);
            var any = Vector256<double>.Zero;
            for (; i + 4 <= values.Length; i += 4)
            {
                var value = Vector256.LoadUnsafe(ref v, (nuint)i);
                any |= Vector256.GreaterThan(value, lo) & Vector256.LessThanOrEqual(value, hi);
            }

            if (any != Vector256<double>.Zero)
            {
                return true;
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] > lower && values[i] <= upper)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>bits[i / 64] bit i % 64 = values[i] &gt; <paramref name="cut"/>.</summary>
    private static void AboveBits(ReadOnlySpan<double> values, double cut, Span<ulong> bits)
    {
        bits.Clear();
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var v = ref MemoryMarshal.GetReference(values);
            var c = Vector256.Create(cut);
            for (; i + 4 <= values.Length; i += 4)
            {
                var mask = (ulong)Vector256.GreaterThan(Vector256.LoadUnsafe(ref v, (nuint)i), c).ExtractMostSignificantBits();
                bits[i >> 6] |= mask << (i & 63);
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] > cut)
            {
                bits[i >> 6] |= 1UL << (i & 63);
            }
        }
    }

    /// <summary>One block's terms, prefix sums, estimates and ordered sums (pooled, a few tens of KB).</summary>
    private sealed class Buffers : IDisposable
    {
        private readonly double[] _terms;
        private readonly double[] _prefix;
        private readonly double[] _estimates;
        private readonly double[] _ordered;
        private int _length;

        public Buffers(int window)
        {
            var longest = BlockSize + window - 1;
            var padded = ((longest + Chains - 1) / Chains) * Chains;
            _terms = ArrayPool<double>.Shared.Rent(padded);
            _prefix = ArrayPool<double>.Shared.Rent(padded + 1);
            _estimates = ArrayPool<double>.Shared.Rent(BlockSize);
            _ordered = ArrayPool<double>.Shared.Rent(BlockSize);
        }

        public ReadOnlySpan<double> Estimates(int count) => _estimates.AsSpan(0, count);

        /// <summary>Estimates of outputs start … start + count − 1 and their bound; false when not finite.</summary>
        public bool Estimate(ReadOnlySpan<double> x, int window, int start, int count, out double bound)
        {
            _length = count + window - 1;
            var chain = (_length + Chains - 1) / Chains;
            var padded = chain * Chains;
            var terms = _terms.AsSpan(0, padded);
            MovingAverage.AbsoluteTerms(x, window, start, terms[.._length]);
            terms[_length..].Clear();

            // prefix[j] = Σ terms[0 … j), in four chains over the quarters of the block, then each quarter offset by the
            // totals before it.
            var prefix = _prefix.AsSpan(0, padded + 1);
            prefix[0] = 0.0;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int c1 = chain, c2 = 2 * chain, c3 = 3 * chain;
            ref var t = ref MemoryMarshal.GetReference(terms);
            ref var p = ref MemoryMarshal.GetReference(prefix);
            for (var j = 0; j < chain; j++)
            {
                s0 += Unsafe.Add(ref t, j);
                s1 += Unsafe.Add(ref t, c1 + j);
                s2 += Unsafe.Add(ref t, c2 + j);
                s3 += Unsafe.Add(ref t, c3 + j);
                Unsafe.Add(ref p, j + 1) = s0;
                Unsafe.Add(ref p, c1 + j + 1) = s1;
                Unsafe.Add(ref p, c2 + j + 1) = s2;
                Unsafe.Add(ref p, c3 + j + 1) = s3;
            }

            var offset = s0;
            AddTo(prefix.Slice(c1 + 1, chain), offset);
            offset += s1;
            AddTo(prefix.Slice(c2 + 1, chain), offset);
            offset += s2;
            AddTo(prefix.Slice(c3 + 1, chain), offset);
            var total = offset + s3;

            var estimates = _estimates.AsSpan(0, count);
            Difference(prefix[window..], prefix, estimates);
            var operations = (3.0 * _length) + window + 8;
            bound = (2 * operations * double.Epsilon) + (2 * operations * Math.ScaleB(1.0, -53) * total);
            return double.IsFinite(total) && double.IsFinite(bound);
        }

        /// <summary>The ordered sums of outputs start … start + count − 1 (the bits of <see cref="MovingAverage.SameOfAbsolute"/>).</summary>
        public ReadOnlySpan<double> Ordered(ReadOnlySpan<double> x, int window, int start, int count)
        {
            var terms = _terms.AsSpan(0, count + window - 1);
            MovingAverage.AbsoluteTerms(x, window, start, terms);
            var ordered = _ordered.AsSpan(0, count);
            MovingAverage.OrderedSums(terms, window, ordered);
            return ordered;
        }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_terms);
            ArrayPool<double>.Shared.Return(_prefix);
            ArrayPool<double>.Shared.Return(_estimates);
            ArrayPool<double>.Shared.Return(_ordered);
        }

        private static void AddTo(Span<double> values, double offset)
        {
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref var v = ref MemoryMarshal.GetReference(values);
                var o = Vector256.Create(offset);
                for (; i + 4 <= values.Length; i += 4)
                {
                    (Vector256.LoadUnsafe(ref v, (nuint)i) + o).StoreUnsafe(ref v, (nuint)i);
                }
            }

            for (; i < values.Length; i++)
            {
                values[i] += offset;
            }
        }

        /// <summary>output[i] = upper[i] − lower[i].</summary>
        private static void Difference(ReadOnlySpan<double> upper, ReadOnlySpan<double> lower, Span<double> output)
        {
            var i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref var u = ref MemoryMarshal.GetReference(upper);
                ref var l = ref MemoryMarshal.GetReference(lower);
                ref var o = ref MemoryMarshal.GetReference(output);
                for (; i + 4 <= output.Length; i += 4)
                {
                    (Vector256.LoadUnsafe(ref u, (nuint)i) - Vector256.LoadUnsafe(ref l, (nuint)i)).StoreUnsafe(ref o, (nuint)i);
                }
            }

            for (; i < output.Length; i++)
            {
                output[i] = upper[i] - lower[i];
            }
        }
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// P2: <c>np.convolve(x, np.ones(M)/M, 'same')</c>. out[i] = Σ x[k]·(1/M) for k = i − ⌊M/2⌋ … i + ⌊(M−1)/2⌋,
/// x = 0 outside [0, N); each output's terms are added left to right, so ties such as
/// 0.2+0.2+0.2 = 0.6000000000000001 come out as in the predecessor. Vectorised across outputs, not terms.
/// </summary>
internal static class MovingAverage
{
    /// <summary>
    /// Windows up to this length are summed term by term in order (exact to the predecessor's order, O(N·M)); longer
    /// ones, which only extreme sampling rates or options produce, use double-double prefix sums (O(N), within an ulp
    /// or so of the ordered sum) so that no input makes the analysis quadratic.
    /// </summary>
    public const int OrderedSumLimit = 256;

    /// <summary>Outputs per block of the ordered path (a multiple of 32, the widest vector loop).</summary>
    private const int BlockSize = 2048;

    /// <summary>Writes box_same(<paramref name="x"/>, <paramref name="window"/>) into <paramref name="output"/> (same length; it may be x itself).</summary>
    public static void Same(ReadOnlySpan<double> x, int window, Span<double> output) => Same(x, window, output, rectify: false);

    /// <summary>box_same(|x|, M): the rectification is applied on the fly.</summary>
    public static void SameOfAbsolute(ReadOnlySpan<double> x, int window, Span<double> output) => Same(x, window, output, rectify: true);

    private static void Same(ReadOnlySpan<double> x, int window, Span<double> output, bool rectify)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        // The terms are copied out of x before any output is written, so x and output may alias.
        if (output.Length != x.Length)
        {
            throw new ArgumentException("The output must have the input's length.", nameof(output));
        }

        var n = x.Length;
        var left = window / 2;
        var inverse = 1.0 / window;
        if (window > OrderedSumLimit)
        {
            SameByPrefix(x, window, output, rectify);
            return;
        }

        // terms[p] = x[p − left]·(1/M), zero outside, so that out[i] = Σ_{j<M} terms[i + j] in order. The terms are made
        // block by block in a small buffer (no copy of the whole signal); the last M − 1 terms of a block are carried to
        // the next, so they are read from x before the block's outputs overwrite it.
        var bufferLength = BlockSize + window - 1;
        var rented = ArrayPool<double>.Shared.Rent(bufferLength);
        try
        {
            var carried = 0;
            for (var start = 0; start < n; start += BlockSize)
            {
                var count = Math.Min(BlockSize, n - start);
                var needed = count + window - 1;
                var terms = rented.AsSpan(0, needed);
                // Zeros before the signal, the scaled samples, zeros after it.
                var q = carried;
                for (; q < needed && start + q - left < 0; q++)
                {
                    terms[q] = 0.0;
                }

                var end = Math.Min(needed, n + left - start);
                if (end > q)
                {
                    Scale(x.Slice(start + q - left, end - q), inverse, rectify, terms[q..end]);
                    q = end;
                }

                terms[q..].Clear();

                SumWindows(terms, window, output.Slice(start, count));
                terms[count..].CopyTo(terms);
                carried = needed - count;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The terms of outputs <paramref name="start"/> … of box_same(|x|, M), as <see cref="SameOfAbsolute"/> makes them:
    /// terms[q] = |x[start + q − ⌊M/2⌋]|·(1/M), zero outside x; the outputs' count plus M − 1 of them (the span's length).
    /// </summary>
    internal static void AbsoluteTerms(ReadOnlySpan<double> x, int window, int start, Span<double> terms)
    {
        var n = x.Length;
        var left = window / 2;
        var needed = terms.Length;
        var q = 0;
        for (; q < needed && start + q - left < 0; q++)
        {
            terms[q] = 0.0;
        }

        var end = Math.Min(needed, n + left - start);
        if (end > q)
        {
            Scale(x.Slice(start + q - left, end - q), 1.0 / window, rectify: true, terms[q..end]);
            q = end;
        }

        terms[q..].Clear();
    }

    /// <summary>Each output the ordered sum of its M terms (<see cref="AbsoluteTerms"/>): the bits <see cref="SameOfAbsolute"/> gives it.</summary>
    internal static void OrderedSums(ReadOnlySpan<double> terms, int window, Span<double> output) => SumWindows(terms, window, output);

    /// <summary>destination[i] = (rectify ? |source[i]| : source[i]) · factor.</summary>
    private static void Scale(ReadOnlySpan<double> source, double factor, bool rectify, Span<double> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var s = ref MemoryMarshal.GetReference(source);
            ref var d = ref MemoryMarshal.GetReference(destination);
            var f = Vector256.Create(factor);
            for (; i + 4 <= source.Length; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref s, (nuint)i);
                ((rectify ? Vector256.Abs(v) : v) * f).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (rectify ? Math.Abs(source[i]) : source[i]) * factor;
        }
    }

    private static void SameByPrefix(ReadOnlySpan<double> x, int window, Span<double> output, bool rectify)
    {
        var n = x.Length;
        var left = window / 2;
        var inverse = 1.0 / window;
        var paddedLength = n + window - 1;
        var rented = ArrayPool<double>.Shared.Rent(paddedLength);
        try
        {
            var terms = rented.AsSpan(0, paddedLength);
            terms[..left].Clear();
            terms[(left + n)..].Clear();
            var body = terms.Slice(left, n);
            for (var i = 0; i < n; i++)
            {
                var v = rectify ? Math.Abs(x[i]) : x[i];
                body[i] = v * inverse;
            }

            SumWindowsByPrefix(terms, window, output);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static void SumWindowsByPrefix(ReadOnlySpan<double> terms, int window, Span<double> output)
    {
        // prefix[j] = Σ terms[0..j) as an unevaluated sum hi + lo (Knuth's two-sum), so differences stay accurate.
        var n = output.Length;
        var hi = new double[terms.Length + 1];
        var lo = new double[terms.Length + 1];
        for (var j = 0; j < terms.Length; j++)
        {
            var a = hi[j];
            var b = terms[j];
            var s = a + b;
            var bb = s - a;
            var error = (a - (s - bb)) + (b - bb);
            var t = lo[j] + error;
            var sum = s + t;
            hi[j + 1] = sum;
            lo[j + 1] = t - (sum - s);
        }

        for (var i = 0; i < n; i++)
        {
            output[i] = (hi[i + window] - hi[i]) + (lo[i + window] - lo[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumWindows(ReadOnlySpan<double> terms, int window, Span<double> output)
    {
        var n = output.Length;
        ref var t = ref MemoryMarshal.GetReference(terms);
        ref var o = ref MemoryMarshal.GetReference(output);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // 32 outputs at a time in four independent accumulators; each lane is one output's ordered sum.
            for (; i + 32 <= n; i += 32)
            {
                var a0 = Vector512<double>.Zero;
                var a1 = Vector512<double>.Zero;
                var a2 = Vector512<double>.Zero;
                var a3 = Vector512<double>.Zero;
                var baseIndex = (nuint)i;
                for (nuint j = 0; j < (nuint)window; j++)
                {
                    var k = baseIndex + j;
                    a0 += Vector512.LoadUnsafe(ref t, k);
                    a1 += Vector512.LoadUnsafe(ref t, k + 8);
                    a2 += Vector512.LoadUnsafe(ref t, k + 16);
                    a3 += Vector512.LoadUnsafe(ref t, k + 24);
                }

                a0.StoreUnsafe(ref o, baseIndex);
                a1.StoreUnsafe(ref o, baseIndex + 8);
                a2.StoreUnsafe(ref o, baseIndex + 16);
                a3.StoreUnsafe(ref o, baseIndex + 24);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            // 16 outputs at a time in four independent accumulators; each lane is one output's ordered sum.
            for (; i + 16 <= n; i += 16)
            {
                var a0 = Vector256<double>.Zero;
                var a1 = Vector256<double>.Zero;
                var a2 = Vector256<double>.Zero;
                var a3 = Vector256<double>.Zero;
                var baseIndex = (nuint)i;
                for (nuint j = 0; j < (nuint)window; j++)
                {
                    var k = baseIndex + j;
                    a0 += Vector256.LoadUnsafe(ref t, k);
                    a1 += Vector256.LoadUnsafe(ref t, k + 4);
                    a2 += Vector256.LoadUnsafe(ref t, k + 8);
                    a3 += Vector256.LoadUnsafe(ref t, k + 12);
                }

                a0.StoreUnsafe(ref o, baseIndex);
                a1.StoreUnsafe(ref o, baseIndex + 4);
                a2.StoreUnsafe(ref o, baseIndex + 8);
                a3.StoreUnsafe(ref o, baseIndex + 12);
            }
        }

        for (; i < n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < window; j++)
            {
                sum += terms[i + j];
            }

            output[i] = sum;
        }
    }
}

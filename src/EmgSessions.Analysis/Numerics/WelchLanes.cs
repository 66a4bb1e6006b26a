using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// Welch PSDs of several windows of one signal, four 256-sample segments at a time: each segment is one lane of a
/// <see cref="Vector256{T}"/> and goes through exactly the operations of <see cref="Welch"/> and
/// <see cref="RealFft256"/> (detrend, window, bit-reversed placement, radix-2 stages, real split, scaling), so every
/// lane's bits equal the one-segment path's. Segments are accumulated into their window's sum in segment order, then
/// divided by the window's segment count, as scipy does. Used where Vector256 is accelerated.
/// </summary>
internal static class WelchLanes
{
    public const int Lanes = 4;
    private const int Half = RealFft256.Size / 2;
    private const int Bins = RealFft256.Bins;

    /// <summary>
    /// Writes the 129-bin PSD of each window (start <paramref name="starts"/>[g], <paramref name="length"/> samples,
    /// at least 256) into <paramref name="psds"/>[g·129 …].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Psds(ReadOnlySpan<double> x, ReadOnlySpan<int> starts, int length, double samplingRate, Span<double> psds, SpectralWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var perWindow = Welch.SegmentCount(length);
        if (perWindow == 0)
        {
            throw new ArgumentException("Welch needs at least 256 samples.", nameof(length));
        }

        if (psds.Length < starts.Length * Bins)
        {
            throw new ArgumentException("The PSDs need 129 bins per window.", nameof(psds));
        }

        var scale = 1.0 / (samplingRate * Welch.WindowPower);
        var power = workspace.LanePower.AsSpan();
        Span<int> segmentStarts = stackalloc int[Lanes];
        var total = starts.Length * perWindow;
        var window = 0;
        var segmentInWindow = 0;
        psds[..(starts.Length * Bins)].Clear();
        for (var first = 0; first < total; first += Lanes)
        {
            var count = Math.Min(Lanes, total - first);
            for (var lane = 0; lane < Lanes; lane++)
            {
                // Unused lanes repeat the last segment; their results are ignored.
                var s = first + Math.Min(lane, count - 1);
                segmentStarts[lane] = starts[s / perWindow] + ((s % perWindow) * Welch.Step);
            }

            Periodograms(x, segmentStarts, scale, workspace);
            for (var lane = 0; lane < count; lane++)
            {
                // sum += P, segment after segment (the order of scipy's mean over segments).
                var sum = psds.Slice(window * Bins, Bins);
                for (var k = 0; k < Bins; k++)
                {
                    sum[k] += power[(k * Lanes) + lane];
                }

                if (++segmentInWindow == perWindow)
                {
                    for (var k = 0; k < Bins; k++)
                    {
                        sum[k] /= perWindow;
                    }

                    window++;
                    segmentInWindow = 0;
                }
            }
        }
    }

    /// <summary>The scaled one-sided periodograms of four segments into <see cref="SpectralWorkspace.LanePower"/> (bin-major, lane-minor).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Periodograms(ReadOnlySpan<double> x, ReadOnlySpan<int> segmentStarts, double scale, SpectralWorkspace workspace)
    {
        ref var zr0 = ref MemoryMarshal.GetArrayDataReference(workspace.LaneZr);
        ref var zi0 = ref MemoryMarshal.GetArrayDataReference(workspace.LaneZi);
        ref var w0 = ref MemoryMarshal.GetArrayDataReference(Welch.Window);
        ref var rev0 = ref MemoryMarshal.GetArrayDataReference(RealFft256.BitReversed);
        var s0 = x.Slice(segmentStarts[0], Welch.SegmentLength);
        var s1 = x.Slice(segmentStarts[1], Welch.SegmentLength);
        var s2 = x.Slice(segmentStarts[2], Welch.SegmentLength);
        var s3 = x.Slice(segmentStarts[3], Welch.SegmentLength);
        var mean = Vector256.Create(
            PairwiseSum.Sum(s0) / Welch.SegmentLength,
            PairwiseSum.Sum(s1) / Welch.SegmentLength,
            PairwiseSum.Sum(s2) / Welch.SegmentLength,
            PairwiseSum.Sum(s3) / Welch.SegmentLength);
        ref var a0 = ref MemoryMarshal.GetReference(s0);
        ref var a1 = ref MemoryMarshal.GetReference(s1);
        ref var a2 = ref MemoryMarshal.GetReference(s2);
        ref var a3 = ref MemoryMarshal.GetReference(s3);

        // Detrend, window and place the even/odd pairs in bit-reversed order: w·(x − mean), as in Welch.Psd.
        for (nint j = 0; j < Half; j++)
        {
            var even = 2 * j;
            var odd = even + 1;
            var r = (nuint)Unsafe.Add(ref rev0, j) * Lanes;
            var xe = Vector256.Create(Unsafe.Add(ref a0, even), Unsafe.Add(ref a1, even), Unsafe.Add(ref a2, even), Unsafe.Add(ref a3, even));
            var xo = Vector256.Create(Unsafe.Add(ref a0, odd), Unsafe.Add(ref a1, odd), Unsafe.Add(ref a2, odd), Unsafe.Add(ref a3, odd));
            (Vector256.Create(Unsafe.Add(ref w0, even)) * (xe - mean)).StoreUnsafe(ref zr0, r);
            (Vector256.Create(Unsafe.Add(ref w0, odd)) * (xo - mean)).StoreUnsafe(ref zi0, r);
        }

        Transform(workspace, scale);
    }

    /// <summary><see cref="RealFft256.Transform"/> lane by lane, then |X|²·scale (bins 1…127 doubled) into LanePower.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transform(SpectralWorkspace workspace, double scale)
    {
        ref var r0 = ref MemoryMarshal.GetArrayDataReference(workspace.LaneZr);
        ref var i0 = ref MemoryMarshal.GetArrayDataReference(workspace.LaneZi);

        // Stages of length 2 and 4 together, without multiplications.
        for (nuint i = 0; i < Half; i += 4)
        {
            var ar = Vector256.LoadUnsafe(ref r0, i * Lanes);
            var ai = Vector256.LoadUnsafe(ref i0, i * Lanes);
            var br = Vector256.LoadUnsafe(ref r0, (i + 1) * Lanes);
            var bi = Vector256.LoadUnsafe(ref i0, (i + 1) * Lanes);
            var cr = Vector256.LoadUnsafe(ref r0, (i + 2) * Lanes);
            var ci = Vector256.LoadUnsafe(ref i0, (i + 2) * Lanes);
            var dr = Vector256.LoadUnsafe(ref r0, (i + 3) * Lanes);
            var di = Vector256.LoadUnsafe(ref i0, (i + 3) * Lanes);
            Vector256<double> s0r = ar + br, s0i = ai + bi, d0r = ar - br, d0i = ai - bi;
            Vector256<double> s1r = cr + dr, s1i = ci + di, d1r = cr - dr, d1i = ci - di;
            (s0r + s1r).StoreUnsafe(ref r0, i * Lanes);
            (s0i + s1i).StoreUnsafe(ref i0, i * Lanes);
            (s0r - s1r).StoreUnsafe(ref r0, (i + 2) * Lanes);
            (s0i - s1i).StoreUnsafe(ref i0, (i + 2) * Lanes);
            (d0r + d1i).StoreUnsafe(ref r0, (i + 1) * Lanes);
            (d0i - d1r).StoreUnsafe(ref i0, (i + 1) * Lanes);
            (d0r - d1i).StoreUnsafe(ref r0, (i + 3) * Lanes);
            (d0i + d1r).StoreUnsafe(ref i0, (i + 3) * Lanes);
        }

        ref var c0 = ref MemoryMarshal.GetArrayDataReference(RealFft256.StageCos);
        ref var sn0 = ref MemoryMarshal.GetArrayDataReference(RealFft256.StageSin);
        for (var length = 8; length <= Half; length <<= 1)
        {
            var halfLength = length >> 1;
            var tableOffset = halfLength - 4;
            for (var start = 0; start < Half; start += length)
            {
                for (var j = 0; j < halfLength; j++)
                {
                    var top = (nuint)(start + j) * Lanes;
                    var bottom = top + ((nuint)halfLength * Lanes);
                    var wr = Vector256.Create(Unsafe.Add(ref c0, tableOffset + j));
                    var wi = Vector256.Create(Unsafe.Add(ref sn0, tableOffset + j));
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

        // Split and scale: X[k] = E[k] + W^k·O[k]; P[k] = |X[k]|²·scale, doubled for 1…127.
        ref var p0 = ref MemoryMarshal.GetArrayDataReference(workspace.LanePower);
        ref var sc = ref MemoryMarshal.GetArrayDataReference(RealFft256.SplitCos);
        ref var ss = ref MemoryMarshal.GetArrayDataReference(RealFft256.SplitSin);
        var scaleVector = Vector256.Create(scale);
        var two = Vector256.Create(2.0);
        var half = Vector256.Create(0.5);
        var minusHalf = Vector256.Create(-0.5);
        var z0r = Vector256.LoadUnsafe(ref r0, 0);
        var z0i = Vector256.LoadUnsafe(ref i0, 0);
        var dcRe = z0r + z0i;
        var nyquistRe = z0r - z0i;
        var zero = Vector256<double>.Zero;
        (((dcRe * dcRe) + (zero * zero)) * scaleVector).StoreUnsafe(ref p0, 0);
        (((nyquistRe * nyquistRe) + (zero * zero)) * scaleVector).StoreUnsafe(ref p0, (nuint)Half * Lanes);
        for (nuint k = 1; k < Half; k++)
        {
            var m = Half - k;
            var pr = Vector256.LoadUnsafe(ref r0, k * Lanes);
            var pi = Vector256.LoadUnsafe(ref i0, k * Lanes);
            var qr = Vector256.LoadUnsafe(ref r0, m * Lanes);
            var qi = -Vector256.LoadUnsafe(ref i0, m * Lanes);
            var er = half * (pr + qr);
            var ei = half * (pi + qi);
            var or = half * (pi - qi);
            var oi = minusHalf * (pr - qr);
            var wr = Vector256.Create(Unsafe.Add(ref sc, k));
            var wi = Vector256.Create(Unsafe.Add(ref ss, k));
            var re = er + ((or * wr) - (oi * wi));
            var im = ei + ((or * wi) + (oi * wr));
            ((((re * re) + (im * im)) * scaleVector) * two).StoreUnsafe(ref p0, k * Lanes);
        }
    }
}

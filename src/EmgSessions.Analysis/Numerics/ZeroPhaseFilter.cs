using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// P4: <c>scipy.signal.filtfilt(b, a, x)</c> with odd padding of 15 samples and <c>lfilter_zi</c> initial
/// conditions; the filter is scipy's transposed direct form II in its operation order.
/// </summary>
internal static class ZeroPhaseFilter
{
    /// <summary>scipy's default pad length, 3·max(len(a), len(b)) = 15 for order 4.</summary>
    public const int PadLength = 15;

    /// <summary>Filters <paramref name="x"/> forward and backward into <paramref name="output"/> (same length; may alias x). Needs N &gt; 15.</summary>
    /// <remarks>
    /// The padded signal is never materialised: the 15 odd-extension samples at each end live in small buffers, the body
    /// is filtered straight from x into the output, and the backward pass stops where the dropped front padding starts.
    /// The operations and their order are those of filtering the padded copy.
    /// </remarks>
    public static void Apply(IirCoefficients filter, ReadOnlySpan<double> x, Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Check(x, output);
        if (filter.B.Length != 5 || filter.A.Length != 5)
        {
            ApplyPadded(filter, x, output);
            return;
        }

        Span<double> front = stackalloc double[PadLength];
        Span<double> back = stackalloc double[PadLength];
        OddExtension(x, front, back);
        var zi = SteadyStateInitialConditions(filter);
        var c = new Coefficients(filter);
        var state = new State(zi, front[0]);
        Forward(c, ref state, front, front);
        Forward(c, ref state, x, output);
        Forward(c, ref state, back, back);
        state = new State(zi, back[^1]);
        Backward(c, ref state, back);
        Backward(c, ref state, output);
    }

    /// <summary>
    /// <see cref="Apply(IirCoefficients, ReadOnlySpan{double}, Span{double})"/> of two signals of the same length at once,
    /// one per lane of a <see cref="Vector128{T}"/>: the recurrence is latency-bound, so the second signal rides along
    /// almost for free. Each lane performs exactly the scalar operations (the same bits).
    /// </summary>
    public static void ApplyPair(IirCoefficients filter, ReadOnlySpan<double> xa, ReadOnlySpan<double> xb, Span<double> outputA, Span<double> outputB)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Check(xa, outputA);
        Check(xb, outputB);
        if (xa.Length != xb.Length || filter.B.Length != 5 || filter.A.Length != 5 || !Vector128.IsHardwareAccelerated)
        {
            Apply(filter, xa, outputA);
            Apply(filter, xb, outputB);
            return;
        }

        Span<double> frontA = stackalloc double[PadLength];
        Span<double> backA = stackalloc double[PadLength];
        Span<double> frontB = stackalloc double[PadLength];
        Span<double> backB = stackalloc double[PadLength];
        OddExtension(xa, frontA, backA);
        OddExtension(xb, frontB, backB);
        var zi = SteadyStateInitialConditions(filter);
        var c = new Coefficients(filter);
        var state = new PairState(zi, frontA[0], frontB[0]);
        ForwardPair(c, ref state, frontA, frontB, frontA, frontB);
        ForwardPair(c, ref state, xa, xb, outputA, outputB);
        ForwardPair(c, ref state, backA, backB, backA, backB);
        state = new PairState(zi, backA[^1], backB[^1]);
        BackwardPair(c, ref state, backA, backB);
        BackwardPair(c, ref state, outputA, outputB);
    }

    private static void Check(ReadOnlySpan<double> x, Span<double> output)
    {
        var n = x.Length;
        if (n <= PadLength)
        {
            throw new ArgumentException($"filtfilt needs more than {PadLength} samples, got {n}.", nameof(x));
        }

        if (output.Length != n)
        {
            throw new ArgumentException("The output must have the input's length.", nameof(output));
        }
    }

    /// <summary>scipy's odd extension: front[15 − k] = 2·x[0] − x[k], back[k − 1] = 2·x[N−1] − x[N−1−k], k = 1…15.</summary>
    private static void OddExtension(ReadOnlySpan<double> x, Span<double> front, Span<double> back)
    {
        var n = x.Length;
        var first = x[0];
        var last = x[n - 1];
        for (var k = PadLength; k >= 1; k--)
        {
            front[PadLength - k] = (2 * first) - x[k];
        }

        for (var k = 1; k <= PadLength; k++)
        {
            back[k - 1] = (2 * last) - x[n - 1 - k];
        }
    }

    /// <summary>The general case (any order), on a padded copy.</summary>
    private static void ApplyPadded(IirCoefficients filter, ReadOnlySpan<double> x, Span<double> output)
    {
        var n = x.Length;
        var ext = new double[n + (2 * PadLength)];
        OddExtension(x, ext.AsSpan(0, PadLength), ext.AsSpan(PadLength + n, PadLength));
        x.CopyTo(ext.AsSpan(PadLength, n));
        var zi = SteadyStateInitialConditions(filter);
        FilterGeneric(filter, ext, zi, ext[0], reverse: false);
        FilterGeneric(filter, ext, zi, ext[^1], reverse: true);
        ext.AsSpan(PadLength, n).CopyTo(output);
    }

    /// <summary><c>lfilter_zi</c>: solves (I − Cᵀ)·zi = b[1:] − a[1:]·b[0], C the companion matrix of a.</summary>
    public static double[] SteadyStateInitialConditions(IirCoefficients filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var a = filter.A;
        var b = filter.B;
        var m = a.Length - 1;
        var matrix = new double[m, m];
        var rhs = new double[m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                // eye(m) - companion(a).T: the first column holds +a[i+1] (plus 1 on the diagonal), the super-diagonal −1.
                var companionTransposed = j == 0 ? -a[i + 1] : (j == i + 1 ? 1.0 : 0.0);
                matrix[i, j] = (i == j ? 1.0 : 0.0) - companionTransposed;
            }

            rhs[i] = b[i + 1] - (a[i + 1] * b[0]);
        }

        return SolveLinear(matrix, rhs);
    }

    // Gaussian elimination with partial pivoting (the LU that numpy.linalg.solve uses, for tiny systems).
    private static double[] SolveLinear(double[,] m, double[] rhs)
    {
        var n = rhs.Length;
        var x = (double[])rhs.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (pivot != col)
            {
                for (var j = 0; j < n; j++)
                {
                    (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var j = col; j < n; j++)
                {
                    m[row, j] -= factor * m[col, j];
                }

                x[row] -= factor * x[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            var sum = x[row];
            for (var j = row + 1; j < n; j++)
            {
                sum -= m[row, j] * x[j];
            }

            x[row] = sum / m[row, row];
        }

        return x;
    }

    /// <summary>
    /// <c>lfilter(b, a, input, zi=state)</c> for order 4 in scipy's transposed direct form II (<see cref="Step(in Coefficients, double, ref double, ref double, ref double, ref double)"/>),
    /// continuing from <paramref name="state"/>. <paramref name="output"/> may alias <paramref name="input"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward(in Coefficients c, ref State state, ReadOnlySpan<double> input, Span<double> output)
    {
        double z0 = state.Z0, z1 = state.Z1, z2 = state.Z2, z3 = state.Z3;
        for (var k = 0; k < input.Length; k++)
        {
            output[k] = Step(c, input[k], ref z0, ref z1, ref z2, ref z3);
        }

        state = new State(z0, z1, z2, z3);
    }

    /// <summary>The same recurrence from the last sample to the first, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Backward(in Coefficients c, ref State state, Span<double> data)
    {
        double z0 = state.Z0, z1 = state.Z1, z2 = state.Z2, z3 = state.Z3;
        for (var k = data.Length - 1; k >= 0; k--)
        {
            data[k] = Step(c, data[k], ref z0, ref z1, ref z2, ref z3);
        }

        state = new State(z0, z1, z2, z3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPair(in Coefficients c, ref PairState state, ReadOnlySpan<double> inputA, ReadOnlySpan<double> inputB, Span<double> outputA, Span<double> outputB)
    {
        Vector128<double> z0 = state.Z0, z1 = state.Z1, z2 = state.Z2, z3 = state.Z3;
        var n = inputA.Length;
        _ = inputB[n - 1];
        _ = outputA[n - 1];
        _ = outputB[n - 1];
        for (var k = 0; k < n; k++)
        {
            var y = Step(c, Vector128.Create(inputA[k], inputB[k]), ref z0, ref z1, ref z2, ref z3);
            outputA[k] = y.ToScalar();
            outputB[k] = y.GetElement(1);
        }

        state = new PairState(z0, z1, z2, z3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardPair(in Coefficients c, ref PairState state, Span<double> dataA, Span<double> dataB)
    {
        Vector128<double> z0 = state.Z0, z1 = state.Z1, z2 = state.Z2, z3 = state.Z3;
        _ = dataB[dataA.Length - 1];
        for (var k = dataA.Length - 1; k >= 0; k--)
        {
            var y = Step(c, Vector128.Create(dataA[k], dataB[k]), ref z0, ref z1, ref z2, ref z3);
            dataA[k] = y.ToScalar();
            dataB[k] = y.GetElement(1);
        }

        state = new PairState(z0, z1, z2, z3);
    }

    /// <summary>
    /// One sample of the order-4 recurrence in scipy's transposed direct form II, in its operation order:
    /// y = z0 + b0·x; z[i] = z[i+1] + x·b[i+1] − y·a[i+1]; z3 = x·b4 − y·a4. Returns y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Step(in Coefficients c, double xn, ref double z0, ref double z1, ref double z2, ref double z3)
    {
        var y = z0 + (c.B0 * xn);
        z0 = z1 + (xn * c.B1) - (y * c.A1);
        z1 = z2 + (xn * c.B2) - (y * c.A2);
        z2 = z3 + (xn * c.B3) - (y * c.A3);
        z3 = (xn * c.B4) - (y * c.A4);
        return y;
    }

    /// <summary>The same step for two signals, one per lane: each lane performs exactly the scalar step's operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Step(in Coefficients c, Vector128<double> xn, ref Vector128<double> z0, ref Vector128<double> z1, ref Vector128<double> z2, ref Vector128<double> z3)
    {
        var y = z0 + (Vector128.Create(c.B0) * xn);
        z0 = z1 + (xn * Vector128.Create(c.B1)) - (y * Vector128.Create(c.A1));
        z1 = z2 + (xn * Vector128.Create(c.B2)) - (y * Vector128.Create(c.A2));
        z2 = z3 + (xn * Vector128.Create(c.B3)) - (y * Vector128.Create(c.A3));
        z3 = (xn * Vector128.Create(c.B4)) - (y * Vector128.Create(c.A4));
        return y;
    }

    private readonly struct Coefficients(IirCoefficients filter)
    {
        public readonly double B0 = filter.B[0], B1 = filter.B[1], B2 = filter.B[2], B3 = filter.B[3], B4 = filter.B[4];
        public readonly double A1 = filter.A[1], A2 = filter.A[2], A3 = filter.A[3], A4 = filter.A[4];
    }

    private readonly record struct State(double Z0, double Z1, double Z2, double Z3)
    {
        public State(double[] zi, double scale)
            : this(zi[0] * scale, zi[1] * scale, zi[2] * scale, zi[3] * scale)
        {
        }
    }

    private readonly record struct PairState(Vector128<double> Z0, Vector128<double> Z1, Vector128<double> Z2, Vector128<double> Z3)
    {
        public PairState(double[] zi, double scaleA, double scaleB)
            : this(
                Vector128.Create(zi[0] * scaleA, zi[0] * scaleB),
                Vector128.Create(zi[1] * scaleA, zi[1] * scaleB),
                Vector128.Create(zi[2] * scaleA, zi[2] * scaleB),
                Vector128.Create(zi[3] * scaleA, zi[3] * scaleB))
        {
        }
    }

    private static void FilterGeneric(IirCoefficients filter, Span<double> data, double[] zi, double scale, bool reverse)
    {
        var b = filter.B;
        var a = filter.A;
        var order = b.Length - 1;
        var z = new double[order];
        for (var i = 0; i < order; i++)
        {
            z[i] = zi[i] * scale;
        }

        var n = data.Length;
        for (var step = 0; step < n; step++)
        {
            var k = reverse ? n - 1 - step : step;
            var xn = data[k];
            var y = z[0] + (b[0] * xn);
            for (var i = 0; i < order - 1; i++)
            {
                z[i] = z[i + 1] + (xn * b[i + 1]) - (y * a[i + 1]);
            }

            z[order - 1] = (xn * b[order]) - (y * a[order]);
            data[k] = y;
        }
    }
}

using System.Runtime.CompilerServices;

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
    public static void Apply(IirCoefficients filter, ReadOnlySpan<double> x, Span<double> output, Span<double> scratch)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var n = x.Length;
        if (n <= PadLength)
        {
            throw new ArgumentException($"filtfilt needs more than {PadLength} samples, got {n}.", nameof(x));
        }

        if (output.Length != n)
        {
            throw new ArgumentException("The output must have the input's length.", nameof(output));
        }

        var extLength = n + (2 * PadLength);
        if (scratch.Length < extLength)
        {
            throw new ArgumentException($"The scratch buffer needs {extLength} elements.", nameof(scratch));
        }

        var ext = scratch[..extLength];
        var first = x[0];
        var last = x[n - 1];
        for (var k = PadLength; k >= 1; k--)
        {
            ext[PadLength - k] = (2 * first) - x[k];
        }

        x.CopyTo(ext.Slice(PadLength, n));
        for (var k = 1; k <= PadLength; k++)
        {
            ext[PadLength + n - 1 + k] = (2 * last) - x[n - 1 - k];
        }

        var zi = SteadyStateInitialConditions(filter);
        Filter(filter, ext, zi, ext[0], reverse: false);
        Filter(filter, ext, zi, ext[^1], reverse: true);
        ext.Slice(PadLength, n).CopyTo(output);
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
    /// In-place <c>lfilter(b, a, data, zi=zi·scale)</c> for order 4 (or its mirror when <paramref name="reverse"/>):
    /// y = z0 + b0·x; z[i] = z[i+1] + x·b[i+1] − y·a[i+1]; z3 = x·b4 − y·a4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Filter(IirCoefficients filter, Span<double> data, double[] zi, double scale, bool reverse)
    {
        var b = filter.B;
        var a = filter.A;
        if (b.Length != 5 || a.Length != 5)
        {
            FilterGeneric(filter, data, zi, scale, reverse);
            return;
        }

        double b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
        double a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
        double z0 = zi[0] * scale, z1 = zi[1] * scale, z2 = zi[2] * scale, z3 = zi[3] * scale;
        var n = data.Length;
        if (!reverse)
        {
            for (var k = 0; k < n; k++)
            {
                var xn = data[k];
                var y = z0 + (b0 * xn);
                z0 = z1 + (xn * b1) - (y * a1);
                z1 = z2 + (xn * b2) - (y * a2);
                z2 = z3 + (xn * b3) - (y * a3);
                z3 = (xn * b4) - (y * a4);
                data[k] = y;
            }
        }
        else
        {
            for (var k = n - 1; k >= 0; k--)
            {
                var xn = data[k];
                var y = z0 + (b0 * xn);
                z0 = z1 + (xn * b1) - (y * a1);
                z1 = z2 + (xn * b2) - (y * a2);
                z2 = z3 + (xn * b3) - (y * a3);
                z3 = (xn * b4) - (y * a4);
                data[k] = y;
            }
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

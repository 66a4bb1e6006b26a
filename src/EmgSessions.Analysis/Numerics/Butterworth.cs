using System.Numerics;

namespace EmgSessions.Analysis.Numerics;

/// <summary>
/// P3: <c>scipy.signal.butter(4, fc / (fs/2), btype)</c>, following scipy's steps and operation order:
/// buttap poles −exp(iπm/8), pre-warp 4·tan(π·Wn/2), lp2lp/lp2hp, bilinear with 2·fs = 4, zpk2tf.
/// Complex products and quotients use numpy's formulas (Smith's division with a reciprocal) so the
/// coefficients agree with scipy to the last bit or so.
/// </summary>
internal static class Butterworth
{
    public const int Order = 4;

    /// <summary>Low-pass design for the normalised cut-off <paramref name="wn"/> = fc / (fs/2), 0 &lt; Wn &lt; 1.</summary>
    public static IirCoefficients LowPass(double wn) => Design(wn, highPass: false);

    /// <summary>High-pass design for the normalised cut-off <paramref name="wn"/> = fc / (fs/2), 0 &lt; Wn &lt; 1.</summary>
    public static IirCoefficients HighPass(double wn) => Design(wn, highPass: true);

    private static IirCoefficients Design(double wn, bool highPass)
    {
        if (!(wn > 0 && wn < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(wn), wn, "The normalised cut-off must lie in (0, 1).");
        }

        // buttap: p = -exp(1j*pi*m/(2N)), m = -3, -1, 1, 3; no zeros; k = 1.
        var poles = new Complex[Order];
        for (var i = 0; i < Order; i++)
        {
            var m = (2 * i) - Order + 1;
            var theta = Math.PI * m / (2 * Order);
            poles[i] = new Complex(-Math.Cos(theta), -Math.Sin(theta));
        }

        const double fs = 2.0;
        var warped = 2 * fs * Math.Tan(Math.PI * wn / fs);
        double gain;
        int zerosAtOrigin;
        if (highPass)
        {
            // lp2hp_zpk: p = wo / p; degree zeros at 0; k = real(prod(-z) / prod(-p)).
            var productOfNegated = Complex.One;
            foreach (var p in poles)
            {
                productOfNegated = Multiply(productOfNegated, -p);
            }

            for (var i = 0; i < Order; i++)
            {
                poles[i] = Divide(new Complex(warped, 0), poles[i]);
            }

            gain = Divide(Complex.One, productOfNegated).Real;
            zerosAtOrigin = Order;
        }
        else
        {
            // lp2lp_zpk: p = wo * p; k = wo ** degree.
            for (var i = 0; i < Order; i++)
            {
                poles[i] = new Complex(warped * poles[i].Real, warped * poles[i].Imaginary);
            }

            gain = Math.Pow(warped, Order);
            zerosAtOrigin = 0;
        }

        // bilinear_zpk with fs2 = 4: z -> (4 + z)/(4 - z), missing zeros at -1, k *= real(prod(4 - z) / prod(4 - p)).
        const double fs2 = 2.0 * fs;
        var numeratorProduct = Math.Pow(fs2, zerosAtOrigin);
        var denominatorProduct = Complex.One;
        for (var i = 0; i < Order; i++)
        {
            var p = poles[i];
            denominatorProduct = Multiply(denominatorProduct, new Complex(fs2 - p.Real, -p.Imaginary));
            poles[i] = Divide(new Complex(fs2 + p.Real, p.Imaginary), new Complex(fs2 - p.Real, -p.Imaginary));
        }

        gain *= Divide(new Complex(numeratorProduct, 0), denominatorProduct).Real;

        // zpk2tf: b = k * poly(zeros) with the zeros all at +1 (high-pass) or -1 (low-pass); a = real(poly(poles)).
        var zero = highPass ? 1.0 : -1.0;
        var zeroPolynomial = new double[] { 1.0 };
        for (var i = 0; i < Order; i++)
        {
            zeroPolynomial = MultiplyByRoot(zeroPolynomial, zero);
        }

        var b = new double[Order + 1];
        for (var i = 0; i <= Order; i++)
        {
            b[i] = gain * zeroPolynomial[i];
        }

        var polePolynomial = new Complex[] { Complex.One };
        foreach (var p in poles)
        {
            polePolynomial = MultiplyByRoot(polePolynomial, p);
        }

        var a = new double[Order + 1];
        for (var i = 0; i <= Order; i++)
        {
            a[i] = polePolynomial[i].Real;
        }

        return new IirCoefficients(b, a);
    }

    // np.convolve(c, [1, -root]): out[j] = c[j-1]*(-root) + c[j]*1.
    private static double[] MultiplyByRoot(double[] c, double root)
    {
        var result = new double[c.Length + 1];
        for (var j = 0; j < result.Length; j++)
        {
            var sum = 0.0;
            if (j >= 1)
            {
                sum += c[j - 1] * -root;
            }

            if (j < c.Length)
            {
                sum += c[j];
            }

            result[j] = sum;
        }

        return result;
    }

    private static Complex[] MultiplyByRoot(Complex[] c, Complex root)
    {
        var result = new Complex[c.Length + 1];
        var negated = new Complex(-root.Real, -root.Imaginary);
        for (var j = 0; j < result.Length; j++)
        {
            double re = 0.0, im = 0.0;
            if (j >= 1)
            {
                var t = Multiply(c[j - 1], negated);
                re += t.Real;
                im += t.Imaginary;
            }

            if (j < c.Length)
            {
                var t = Multiply(c[j], Complex.One);
                re += t.Real;
                im += t.Imaginary;
            }

            result[j] = new Complex(re, im);
        }

        return result;
    }

    // numpy: (ar*br - ai*bi, ar*bi + ai*br).
    internal static Complex Multiply(Complex x, Complex y) =>
        new((x.Real * y.Real) - (x.Imaginary * y.Imaginary), (x.Real * y.Imaginary) + (x.Imaginary * y.Real));

    // numpy's Smith division: scale by the reciprocal of the scaled denominator.
    internal static Complex Divide(Complex x, Complex y)
    {
        double ar = x.Real, ai = x.Imaginary, br = y.Real, bi = y.Imaginary;
        if (Math.Abs(br) >= Math.Abs(bi))
        {
            if (br == 0 && bi == 0)
            {
                return new Complex(ar / Math.Abs(br), ai / Math.Abs(bi));
            }

            var rat = bi / br;
            var scl = 1.0 / (br + (bi * rat));
            return new Complex((ar + (ai * rat)) * scl, (ai - (ar * rat)) * scl);
        }
        else
        {
            var rat = br / bi;
            var scl = 1.0 / (bi + (br * rat));
            return new Complex(((ar * rat) + ai) * scl, ((ai * rat) - ar) * scl);
        }
    }
}

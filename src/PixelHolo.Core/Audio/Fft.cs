namespace PixelHolo.Core.Audio;

/// <summary>In-place iterative radix-2 complex FFT, the one both the voice analysis (Speech) and the lip-sync MFCCs (Media)
/// use: a few thousand short frames, where a library would add a dependency for nothing.</summary>
public static class Fft
{
    /// <summary>Transforms (<paramref name="re"/>, <paramref name="im"/>) in place; the length must be a power of two.
    /// <paramref name="inverse"/> computes the unscaled inverse.</summary>
    public static void Transform(Span<double> re, Span<double> im, bool inverse = false)
    {
        int n = re.Length;
        if (n != im.Length || n == 0 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"The FFT needs two arrays of the same power-of-two length (got {re.Length} and {im.Length}).", nameof(re));
        }
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) { j ^= bit; }
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (int length = 2; length <= n; length <<= 1)
        {
            double angle = (inverse ? 2 : -2) * Math.PI / length;
            double stepRe = Math.Cos(angle), stepIm = Math.Sin(angle);
            for (int start = 0; start < n; start += length)
            {
                double wRe = 1, wIm = 0;
                for (int k = 0; k < length / 2; k++)
                {
                    int a = start + k, b = a + (length / 2);
                    double tRe = (re[b] * wRe) - (im[b] * wIm);
                    double tIm = (re[b] * wIm) + (im[b] * wRe);
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                    (wRe, wIm) = ((wRe * stepRe) - (wIm * stepIm), (wRe * stepIm) + (wIm * stepRe));
                }
            }
        }
    }

    /// <summary>Periodic Hann window of <paramref name="length"/> points.</summary>
    public static double[] Hann(int length)
    {
        double[] window = new double[length];
        for (int i = 0; i < length; i++) { window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / length)); }
        return window;
    }
}

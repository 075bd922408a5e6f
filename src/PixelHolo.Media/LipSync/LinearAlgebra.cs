namespace PixelHolo.Media.LipSync;

/// <summary>The little dense linear algebra the engine needs: ridge regression by Cholesky, and the leading principal
/// components by orthogonal (subspace) iteration. Row-major arrays, doubles inside.</summary>
internal static class LinearAlgebra
{
    /// <summary>Ridge regression with an unpenalised bias: W ((D+1) × K, last row the bias) minimising
    /// ‖[X 1] W − Y‖² + α‖W without bias‖².</summary>
    public static float[][] Ridge(IReadOnlyList<float[]> x, IReadOnlyList<float[]> y, double alpha)
    {
        int n = x.Count;
        int d = x[0].Length + 1;
        int k = y[0].Length;
        double[] a = new double[d * d];
        double[] b = new double[d * k];
        double[] row = new double[d];
        for (int s = 0; s < n; s++)
        {
            for (int i = 0; i < d - 1; i++) { row[i] = x[s][i]; }
            row[d - 1] = 1;
            for (int i = 0; i < d; i++)
            {
                double ri = row[i];
                if (ri == 0) { continue; }
                int offset = i * d;
                for (int j = i; j < d; j++) { a[offset + j] += ri * row[j]; }
                for (int j = 0; j < k; j++) { b[(i * k) + j] += ri * y[s][j]; }
            }
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++) { a[(i * d) + j] = a[(j * d) + i]; }
            if (i < d - 1) { a[(i * d) + i] += alpha; } else { a[(i * d) + i] += 1e-6; }
        }
        Cholesky(a, d);
        var w = new float[d][];
        for (int i = 0; i < d; i++) { w[i] = new float[k]; }
        double[] column = new double[d];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < d; i++) { column[i] = b[(i * k) + j]; }
            SolveCholesky(a, d, column);
            for (int i = 0; i < d; i++) { w[i][j] = (float)column[i]; }
        }
        return w;
    }

    /// <summary>y = [x 1] W.</summary>
    public static float[] Apply(float[][] w, ReadOnlySpan<float> x)
    {
        int k = w[0].Length;
        float[] y = new float[k];
        for (int j = 0; j < k; j++) { y[j] = w[^1][j]; }
        for (int i = 0; i < x.Length; i++)
        {
            float xi = x[i];
            if (xi == 0) { continue; }
            float[] wi = w[i];
            for (int j = 0; j < k; j++) { y[j] += xi * wi[j]; }
        }
        return y;
    }

    /// <summary>Mean and the <paramref name="components"/> leading principal directions (unit rows) of the samples.</summary>
    public static (float[] Mean, float[][] Components, double[] Variances) Pca(IReadOnlyList<float[]> samples, int components, int iterations = 60)
    {
        int n = samples.Count;
        int d = samples[0].Length;
        double[] mean = new double[d];
        foreach (float[] s in samples)
        {
            for (int i = 0; i < d; i++) { mean[i] += s[i]; }
        }
        for (int i = 0; i < d; i++) { mean[i] /= n; }
        double[] cov = new double[d * d];
        double[] centred = new double[d];
        foreach (float[] s in samples)
        {
            for (int i = 0; i < d; i++) { centred[i] = s[i] - mean[i]; }
            for (int i = 0; i < d; i++)
            {
                double ci = centred[i];
                int offset = i * d;
                for (int j = i; j < d; j++) { cov[offset + j] += ci * centred[j]; }
            }
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = i; j < d; j++) { cov[(i * d) + j] /= n; cov[(j * d) + i] = cov[(i * d) + j]; }
        }
        int k = Math.Min(components, d);
        double[][] q = new double[k][];
        var random = new Random(12345);
        for (int c = 0; c < k; c++)
        {
            q[c] = new double[d];
            for (int i = 0; i < d; i++) { q[c][i] = random.NextDouble() - 0.5; }
        }
        Orthonormalise(q);
        double[] variances = new double[k];
        for (int it = 0; it < iterations; it++)
        {
            for (int c = 0; c < k; c++) { q[c] = Multiply(cov, d, q[c]); }
            Orthonormalise(q);
        }
        for (int c = 0; c < k; c++)
        {
            double[] cq = Multiply(cov, d, q[c]);
            double v = 0;
            for (int i = 0; i < d; i++) { v += cq[i] * q[c][i]; }
            variances[c] = v;
        }
        return ([.. mean.Select(v => (float)v)], [.. q.Select(r => r.Select(v => (float)v).ToArray())], variances);
    }

    public static float[] Project(ReadOnlySpan<float> sample, float[] mean, float[][] components)
    {
        float[] result = new float[components.Length];
        for (int c = 0; c < components.Length; c++)
        {
            double sum = 0;
            float[] component = components[c];
            for (int i = 0; i < sample.Length; i++) { sum += (sample[i] - mean[i]) * component[i]; }
            result[c] = (float)sum;
        }
        return result;
    }

    public static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            float diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    private static double[] Multiply(double[] m, int d, double[] v)
    {
        double[] r = new double[d];
        for (int i = 0; i < d; i++)
        {
            double sum = 0;
            int offset = i * d;
            for (int j = 0; j < d; j++) { sum += m[offset + j] * v[j]; }
            r[i] = sum;
        }
        return r;
    }

    private static void Orthonormalise(double[][] q)
    {
        for (int c = 0; c < q.Length; c++)
        {
            for (int p = 0; p < c; p++)
            {
                double dot = 0;
                for (int i = 0; i < q[c].Length; i++) { dot += q[c][i] * q[p][i]; }
                for (int i = 0; i < q[c].Length; i++) { q[c][i] -= dot * q[p][i]; }
            }
            double norm = Math.Sqrt(q[c].Sum(v => v * v));
            if (norm < 1e-12) { norm = 1; }
            for (int i = 0; i < q[c].Length; i++) { q[c][i] /= norm; }
        }
    }

    private static void Cholesky(double[] a, int d)
    {
        for (int j = 0; j < d; j++)
        {
            double sum = a[(j * d) + j];
            for (int k = 0; k < j; k++) { sum -= a[(j * d) + k] * a[(j * d) + k]; }
            if (sum <= 0) { throw new InvalidOperationException("The ridge system is not positive definite; raise LipSync:RidgeAlpha."); }
            double diagonal = Math.Sqrt(sum);
            a[(j * d) + j] = diagonal;
            for (int i = j + 1; i < d; i++)
            {
                double s = a[(i * d) + j];
                for (int k = 0; k < j; k++) { s -= a[(i * d) + k] * a[(j * d) + k]; }
                a[(i * d) + j] = s / diagonal;
            }
        }
    }

    private static void SolveCholesky(double[] l, int d, double[] b)
    {
        for (int i = 0; i < d; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) { s -= l[(i * d) + k] * b[k]; }
            b[i] = s / l[(i * d) + i];
        }
        for (int i = d - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < d; k++) { s -= l[(k * d) + i] * b[k]; }
            b[i] = s / l[(i * d) + i];
        }
    }
}

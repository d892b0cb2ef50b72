namespace Painterly.Core.Evaluation;

/// <summary>How much of the photo's structure a stylized image kept: the Pearson correlation of their grayscale values.</summary>
public static class StructureCorrelation
{
    /// <summary>Pearson correlation of two equally long value arrays; 0 when either is constant.</summary>
    public static double Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"Expected two non-empty arrays of one length, got {a.Length} and {b.Length}.", nameof(b));
        }

        double meanA = 0, meanB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= a.Length;
        meanB /= b.Length;
        double cov = 0, varA = 0, varB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - meanA, db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }

        return varA > 0 && varB > 0 ? cov / Math.Sqrt(varA * varB) : 0;
    }
}

namespace Painterly.Core.Evaluation;

/// <summary>
/// Strength of periodic artifacts (the grain a strided network leaves): the largest ratio of the grayscale
/// amplitude spectrum at periods of 2, 4 and 8 pixels to the median of its 9 x 9 neighbourhood (wrapping around).
/// Natural photos score about 10; a visible grid 40 and more.
/// </summary>
public static class GridPeak
{
    /// <summary>The periods looked at, in pixels.</summary>
    public static readonly int[] Periods = [2, 4, 8];

    private const int Radius = 4;

    /// <summary>Grid peak of a row-major grayscale image.</summary>
    public static double Of(ReadOnlySpan<float> gray, int width, int height)
    {
        if (width < 1 || height < 1 || gray.Length != (long)width * height)
        {
            throw new ArgumentException($"Expected {width}x{height} values, got {gray.Length}.", nameof(gray));
        }

        var centres = new List<(int Ky, int Kx)>();
        foreach (int p in Periods)
        {
            centres.Add((height / p, 0));
            centres.Add((0, width / p));
            centres.Add((height / p, width / p));
        }

        // Only 9 windows of 9 x 9 frequencies are needed: transform the rows at those columns, then the columns.
        var columns = centres.SelectMany(c => Window(c.Kx, width)).Distinct().ToArray();
        var rowSpectra = RowTransforms(gray, width, height, columns);
        var (cos, sin) = Twiddles(height);
        double worst = 0;
        var window = new double[(2 * Radius + 1) * (2 * Radius + 1)];
        foreach (var (ky, kx) in centres)
        {
            int n = 0;
            double centre = 0;
            foreach (int fy in Window(ky, height))
            {
                foreach (int fx in Window(kx, width))
                {
                    double amplitude = ColumnAmplitude(rowSpectra[fx], cos, sin, fy);
                    window[n++] = amplitude;
                    if (fy == Mod(ky, height) && fx == Mod(kx, width))
                    {
                        centre = amplitude;
                    }
                }
            }

            Array.Sort(window);
            worst = Math.Max(worst, centre / (window[window.Length / 2] + 1e-6));
        }

        return worst;
    }

    private static IEnumerable<int> Window(int centre, int length) =>
        Enumerable.Range(centre - Radius, (2 * Radius) + 1).Select(k => Mod(k, length));

    private static int Mod(int k, int n) => ((k % n) + n) % n;

    /// <summary>For each wanted column frequency, the DFT along x of every row of the mean-removed image.</summary>
    private static Dictionary<int, (double Re, double Im)[]> RowTransforms(ReadOnlySpan<float> gray, int width, int height, int[] frequencies)
    {
        double mean = 0;
        foreach (float v in gray)
        {
            mean += v;
        }

        mean /= gray.Length;
        var (cos, sin) = Twiddles(width);
        var result = new Dictionary<int, (double, double)[]>();
        foreach (int k in frequencies)
        {
            var rows = new (double, double)[height];
            for (int y = 0; y < height; y++)
            {
                var row = gray.Slice(y * width, width);
                double re = 0, im = 0;
                int phase = 0;
                for (int x = 0; x < width; x++)
                {
                    double v = row[x] - mean;
                    re += v * cos[phase];
                    im -= v * sin[phase];
                    phase += k;
                    if (phase >= width)
                    {
                        phase -= width;
                    }
                }

                rows[y] = (re, im);
            }

            result[k] = rows;
        }

        return result;
    }

    private static double ColumnAmplitude((double Re, double Im)[] rows, double[] cos, double[] sin, int ky)
    {
        int height = rows.Length;
        double re = 0, im = 0;
        int phase = 0;
        for (int y = 0; y < height; y++)
        {
            // (a + ib)(cos - i sin)
            re += (rows[y].Re * cos[phase]) + (rows[y].Im * sin[phase]);
            im += (rows[y].Im * cos[phase]) - (rows[y].Re * sin[phase]);
            phase += ky;
            if (phase >= height)
            {
                phase -= height;
            }
        }

        return Math.Sqrt((re * re) + (im * im));
    }

    private static (double[] Cos, double[] Sin) Twiddles(int n)
    {
        var cos = new double[n];
        var sin = new double[n];
        for (int i = 0; i < n; i++)
        {
            double angle = 2 * Math.PI * i / n;
            cos[i] = Math.Cos(angle);
            sin[i] = Math.Sin(angle);
        }

        return (cos, sin);
    }
}

using Painterly.Core.Evaluation;

namespace Painterly.Core.Tests.Evaluation;

public sealed class GridPeakTests
{
    // Reference values from numpy (np.fft.fft2, np.median over the wrapped 9 x 9 window) on the same formula.
    [Theory]
    [InlineData(0, 16.908543673621537)]
    [InlineData(6, 767.1781008509847)]
    public void Matches_a_full_fft_reference(float gridAmplitude, double expected)
    {
        var image = Smooth(40, 28, gridAmplitude);
        Assert.Equal(expected, GridPeak.Of(image, 40, 28), expected * 1e-6);
    }

    [Fact]
    public void A_faint_period_four_hatching_stands_out()
    {
        double clean = GridPeak.Of(Smooth(128, 96, 0), 128, 96);
        double hatched = GridPeak.Of(Smooth(128, 96, 2), 128, 96);
        Assert.True(hatched > 5 * clean, $"clean {clean:F1}, hatched {hatched:F1}");
    }

    [Fact]
    public void Rejects_a_wrong_length() =>
        Assert.Throws<ArgumentException>(() => GridPeak.Of(new float[10], 4, 4));

    private static float[] Smooth(int width, int height, float gridAmplitude)
    {
        var g = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double v = 128 + (50 * Math.Sin((0.3 * x) + (0.2 * y))) + (20 * Math.Cos(x * y * 0.01)) + ((x + y) % 4 == 0 ? gridAmplitude : 0);
                g[(y * width) + x] = (float)v;
            }
        }

        return g;
    }
}

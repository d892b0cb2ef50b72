using Painterly.Core.Images;
using Painterly.Core.Stylizing;

namespace Painterly.Core.Tests.Stylizing;

/// <summary>Above the pixel budget an image is tiled without being asked, so the network never sees it whole.</summary>
public class AutoTilingTests
{
    [Fact]
    public void ImageAboveTheBudgetIsStylizedInTiles()
    {
        using var engine = new LargestCallEngine();
        var image = new PlanarImage(2100, 2000);

        var output = new ImageStylizer(engine).Stylize(image);

        Assert.Equal((2100, 2000), (output.Width, output.Height));
        Assert.True(engine.LargestCall <= 1024L * 1024, $"the engine got {engine.LargestCall} pixels at once");
        Assert.All(output.Data, v => Assert.Equal(100f, v, 3f));
    }

    [Fact]
    public void ImageWithinTheBudgetIsStylizedWhole()
    {
        using var engine = new LargestCallEngine();

        new ImageStylizer(engine).Stylize(new PlanarImage(1200, 1000));

        Assert.Equal(1200L * 1000, engine.LargestCall);
    }

    [Fact]
    public void BudgetZeroKeepsTheWholeImage() => Assert.Equal(0, new StylizeOptions { AutoTilePixels = 0 }.TileSizeFor(9000, 9000));

    /// <summary>Paints everything 100 and remembers the largest image it was given.</summary>
    private sealed class LargestCallEngine : IStyleEngine
    {
        public long LargestCall { get; private set; }

        public string Name => "test";

        public float[] Stylize(float[] chw, int width, int height)
        {
            var output = new float[chw.Length];
            Stylize(chw, width, height, output);
            return output;
        }

        public void Stylize(float[] chw, int width, int height, float[] output)
        {
            LargestCall = Math.Max(LargestCall, (long)width * height);
            Array.Fill(output, 100f);
        }

        public void Dispose()
        {
        }
    }
}

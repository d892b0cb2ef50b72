using Painterly.Core.Images;
using Painterly.Core.Models;
using Painterly.Core.Stylizing;

namespace Painterly.Onnx.Tests.Stylizing;

/// <summary>Tiled stylizing with ONNX Runtime: the output size is exact and tile borders leave no seam.</summary>
public class TiledStylizingTests
{
    private const int Width = 360, Height = 200, Tile = 128;

    private static PlanarImage Gradient()
    {
        var image = new PlanarImage(Width, Height);
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                image.Channel(0)[(y * Width) + x] = 255f * x / (Width - 1);
                image.Channel(1)[(y * Width) + x] = 255f * y / (Height - 1);
                image.Channel(2)[(y * Width) + x] = 128f;
            }
        }

        return image;
    }

    /// <summary>
    /// Largest step between neighbouring column means at a tile border, relative to the typical step
    /// elsewhere: a seam shows as a jump in the column profile of a smooth image.
    /// </summary>
    private static double SeamRatio(PlanarImage image, IEnumerable<int> borders)
    {
        var means = new double[Width];
        for (int x = 0; x < Width; x++)
        {
            double sum = 0;
            for (int ch = 0; ch < 3; ch++)
            {
                for (int y = 0; y < Height; y++)
                {
                    sum += image.Channel(ch)[(y * Width) + x];
                }
            }

            means[x] = sum / (3 * Height);
        }

        var steps = Enumerable.Range(1, Width - 1).Select(x => Math.Abs(means[x] - means[x - 1])).ToArray();
        double typical = steps.Order().ElementAt(steps.Length / 2) + 0.05;
        return borders.Max(b => steps[b - 1]) / typical;
    }

    private static int[] Borders()
    {
        var layout = new TileLayout(Width, Tile, Tile / 4);
        return [.. layout.Starts.Skip(1), .. layout.Starts.SkipLast(1).Select(s => s + layout.TileLength)];
    }

    [Fact]
    public void FeatheredTilesLeaveNoSeamOnASmoothGradient()
    {
        using var stylizer = new OnnxStylizer(SeededStyleModel.Create(new StyleNetConfig(8, 2), 5));
        var image = Gradient();
        var tiled = new ImageStylizer(stylizer).Stylize(image, new StylizeOptions { TileSize = Tile });
        Assert.Equal((Width, Height), (tiled.Width, tiled.Height));

        // Hard tile edges (a 1-pixel cross-fade) on the same image show a clear jump: the measure can see seams.
        var hard = new ImageStylizer(stylizer).Stylize(image, new StylizeOptions { TileSize = Tile, TileOverlap = 1 });
        var borders = Borders();
        var hardBorders = new TileLayout(Width, Tile, 1).Starts.Skip(1).ToArray();
        Assert.True(SeamRatio(hard, hardBorders) > 6, $"hard tiling seam ratio {SeamRatio(hard, hardBorders):F2}");
        
        Assert.True(SeamRatio(tiled, borders) < 3, $"feathered seam ratio {SeamRatio(tiled, borders):F2}");
    }

    [Fact]
    public void OneTileEqualsTheWholeImage()
    {
        using var stylizer = new OnnxStylizer(SeededStyleModel.Create(new StyleNetConfig(8, 1), 2));
        var image = TestScene.RenderPlanar(100, 60);
        var whole = new ImageStylizer(stylizer).Stylize(image);
        var tiled = new ImageStylizer(stylizer).Stylize(image, new StylizeOptions { TileSize = 128 });
        Assert.Equal(whole.Data, tiled.Data);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(333, 251)]
    public void AnySizeComesBackAtExactlyThatSize(int width, int height)
    {
        using var stylizer = new OnnxStylizer(SeededStyleModel.Create(new StyleNetConfig(8, 1), 2));
        var result = new ImageStylizer(stylizer).Stylize(TestScene.RenderPlanar(width, height));
        Assert.Equal((width, height), (result.Width, result.Height));
        Assert.All(result.Data, v => Assert.InRange(v, 0f, 255f));
    }
}

using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

public class ImageResizerTests
{
    [Theory]
    [InlineData(4000, 3000, 1024, 1024, 768)]
    [InlineData(3000, 4000, 1024, 768, 1024)]
    [InlineData(800, 600, 1024, 800, 600)]
    [InlineData(1024, 1024, 1024, 1024, 1024)]
    [InlineData(10000, 1, 100, 100, 1)]
    [InlineData(1, 10000, 100, 1, 100)]
    [InlineData(1001, 500, 100, 100, 50)]
    public void Fit_keeps_aspect_and_never_upscales(int width, int height, int maxSide, int expectedWidth, int expectedHeight) =>
        Assert.Equal(new SKSizeI(expectedWidth, expectedHeight), ImageResizer.FitLongestSide(width, height, maxSide));

    [Fact]
    public void Fit_returns_a_new_bitmap_of_the_fitted_size()
    {
        using var scene = TestScene.Render(300, 200);

        using var small = ImageResizer.FitLongestSide(scene, 150);
        using var same = ImageResizer.FitLongestSide(scene, 1000);

        Assert.Equal((150, 100), (small.Width, small.Height));
        Assert.Equal((300, 200), (same.Width, same.Height));
        Assert.NotSame(scene, same);
        Assert.Equal(scene.GetPixelSpan().ToArray(), same.GetPixelSpan().ToArray());
    }

    [Theory]
    [InlineData(37, 23)]
    [InlineData(101, 7)]
    [InlineData(3, 250)]
    public void Resize_gives_the_exact_size_and_keeps_a_flat_colour(int width, int height)
    {
        using var flat = TestImages.Bitmap(50, 40, (_, _) => new SKColor(200, 100, 50));

        using var resized = ImageResizer.Resize(flat, width, height);

        Assert.Equal((width, height), (resized.Width, resized.Height));
        var values = resized.ToPlanar();
        Assert.All(values.Channel(0).ToArray(), v => Assert.InRange(v, 199, 201));
        Assert.All(values.Channel(1).ToArray(), v => Assert.InRange(v, 99, 101));
        Assert.All(values.Channel(2).ToArray(), v => Assert.InRange(v, 49, 51));
    }

    [Fact]
    public void Large_reduction_averages_instead_of_aliasing()
    {
        // A one-pixel checkerboard is mid-grey from afar; point-like sampling would keep black and white pixels.
        using var checker = TestImages.Bitmap(512, 512, (x, y) => ((x + y) & 1) == 0 ? SKColors.Black : SKColors.White);

        using var small = ImageResizer.Resize(checker, 60, 60);

        Assert.All(small.ToPlanar().Data, v => Assert.InRange(v, 110, 145));
    }
}

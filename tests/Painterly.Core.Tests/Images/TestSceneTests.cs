using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

public class TestSceneTests
{
    [Fact]
    public void Renders_are_deterministic()
    {
        using var a = TestScene.Render();
        using var b = TestScene.Render();

        Assert.Equal((512, 512), (a.Width, a.Height));
        Assert.True(a.GetPixelSpan().SequenceEqual(b.GetPixelSpan()));
    }

    [Fact]
    public void Scene_is_varied_not_flat()
    {
        var image = TestScene.RenderPlanar(256, 256);

        for (int c = 0; c < 3; c++)
        {
            var plane = image.Channel(c).ToArray();
            double mean = plane.Average();
            double std = Math.Sqrt(plane.Average(v => (v - mean) * (v - mean)));
            Assert.True(std > 30, $"channel {c} standard deviation is only {std:F1}");
        }

        using var bitmap = image.ToBitmap();
        int colours = bitmap.Pixels.Distinct().Count();
        Assert.True(colours > 2000, $"only {colours} distinct colours");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(640, 360)]
    public void Any_size_renders_opaque(int width, int height)
    {
        using var bitmap = TestScene.Render(width, height);

        Assert.Equal((width, height, SKAlphaType.Opaque), (bitmap.Width, bitmap.Height, bitmap.AlphaType));
        Assert.All(bitmap.Pixels, p => Assert.Equal(255, p.Alpha));
    }
}

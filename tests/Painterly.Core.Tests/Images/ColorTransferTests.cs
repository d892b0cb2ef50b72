using Painterly.Core.Images;

namespace Painterly.Core.Tests.Images;

public class ColorTransferTests
{
    private static PlanarImage Solid(float r, float g, float b, int width = 3, int height = 2)
    {
        var image = new PlanarImage(width, height);
        image.Channel(0).Fill(r);
        image.Channel(1).Fill(g);
        image.Channel(2).Fill(b);
        return image;
    }

    private static (float Y, float Cb, float Cr) YCbCr(PlanarImage image, int i)
    {
        float r = image.Channel(0)[i], g = image.Channel(1)[i], b = image.Channel(2)[i];
        return ((0.299f * r) + (0.587f * g) + (0.114f * b),
            (-0.168736f * r) - (0.331264f * g) + (0.5f * b),
            (0.5f * r) - (0.418688f * g) - (0.081312f * b));
    }

    [Fact]
    public void PreserveColorKeepsThePhotosChromaAndTheStylizedLuma()
    {
        var photo = Solid(200, 40, 60);       // a red
        var stylized = Solid(30, 90, 200);    // a blue, darker
        var result = ColorTransfer.PreserveColor(photo, stylized);
        var (y, cb, cr) = YCbCr(result, 0);
        var (_, photoCb, photoCr) = YCbCr(photo, 0);
        var (stylizedY, _, _) = YCbCr(stylized, 0);
        Assert.Equal(stylizedY, y, 0.01f);
        Assert.Equal(photoCb, cb, 0.01f);
        Assert.Equal(photoCr, cr, 0.01f);
    }

    [Fact]
    public void PreserveColorClampsToThePixelRange()
    {
        var result = ColorTransfer.PreserveColor(Solid(250, 250, 10), Solid(255, 255, 255));
        Assert.All(result.Data, v => Assert.InRange(v, 0f, 255f));
    }

    [Theory]
    [InlineData(0f, 10f)]
    [InlineData(1f, 110f)]
    [InlineData(0.25f, 35f)]
    public void BlendMixesLinearly(float strength, float expected)
    {
        var result = ColorTransfer.Blend(Solid(10, 10, 10), Solid(110, 110, 110), strength);
        Assert.All(result.Data, v => Assert.Equal(expected, v, 0.001f));
    }

    [Fact]
    public void RejectsMismatchedSizesAndBadStrength()
    {
        Assert.Throws<ArgumentException>(() => ColorTransfer.Blend(Solid(1, 1, 1), Solid(1, 1, 1, 4, 4), 0.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColorTransfer.Blend(Solid(1, 1, 1), Solid(1, 1, 1), 1.5f));
    }
}

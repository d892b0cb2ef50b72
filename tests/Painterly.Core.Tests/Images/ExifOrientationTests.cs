using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

public class ExifOrientationTests
{
    public enum Quadrant
    {
        TopLeft,
        TopRight,
        BottomLeft,
        BottomRight,
    }

    // The upright image is 48x32: red top-left quadrant, green top-right, grey bottom half. Each row says how a
    // camera stores that image for the orientation tag, worked out from the EXIF definitions (e.g. 6: the
    // stored image must be turned 90 degrees clockwise, so the upright top-left sits at the stored bottom-left).
    [Theory]
    [InlineData(1, 48, 32, Quadrant.TopLeft, Quadrant.TopRight)]
    [InlineData(2, 48, 32, Quadrant.TopRight, Quadrant.TopLeft)]
    [InlineData(3, 48, 32, Quadrant.BottomRight, Quadrant.BottomLeft)]
    [InlineData(4, 48, 32, Quadrant.BottomLeft, Quadrant.BottomRight)]
    [InlineData(5, 32, 48, Quadrant.TopLeft, Quadrant.BottomLeft)]
    [InlineData(6, 32, 48, Quadrant.BottomLeft, Quadrant.TopLeft)]
    [InlineData(7, 32, 48, Quadrant.BottomRight, Quadrant.TopRight)]
    [InlineData(8, 32, 48, Quadrant.TopRight, Quadrant.BottomRight)]
    public void Jpeg_comes_out_upright(int orientation, int storedWidth, int storedHeight, Quadrant red, Quadrant green)
    {
        using var stored = TestImages.Bitmap(storedWidth, storedHeight, (x, y) =>
        {
            var q = QuadrantOf(x, y, storedWidth, storedHeight);
            return q == red ? SKColors.Red : q == green ? SKColors.Lime : SKColors.Gray;
        });
        byte[] jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg, 95), orientation);

        using var upright = ImageDecoder.Decode(jpeg, "phone.jpg");

        Assert.Equal((48, 32), (upright.Width, upright.Height));
        AssertNear(SKColors.Red, upright.GetPixel(12, 8));
        AssertNear(SKColors.Lime, upright.GetPixel(36, 8));
        AssertNear(SKColors.Gray, upright.GetPixel(12, 24));
        AssertNear(SKColors.Gray, upright.GetPixel(36, 24));
    }

    [Fact]
    public void Size_limit_reports_the_upright_size()
    {
        using var stored = TestImages.Noise(20, 30);
        byte[] jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg, 90), 6);

        var e = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(jpeg, "phone.jpg", new ImageDecodeOptions { MaxPixels = 100 }));

        Assert.Equal((30, 20), (e.Width, e.Height));
    }

    private static Quadrant QuadrantOf(int x, int y, int width, int height) =>
        (x < width / 2, y < height / 2) switch
        {
            (true, true) => Quadrant.TopLeft,
            (false, true) => Quadrant.TopRight,
            (true, false) => Quadrant.BottomLeft,
            _ => Quadrant.BottomRight,
        };

    private static void AssertNear(SKColor expected, SKColor actual)
    {
        Assert.True(
            Math.Abs(expected.Red - actual.Red) < 24 && Math.Abs(expected.Green - actual.Green) < 24 && Math.Abs(expected.Blue - actual.Blue) < 24,
            $"Expected about {expected}, got {actual}.");
    }
}

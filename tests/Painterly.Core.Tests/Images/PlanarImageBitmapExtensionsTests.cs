using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

public class PlanarImageBitmapExtensionsTests
{
    [Fact]
    public void ToBitmap_rounds_to_nearest_and_clamps_and_maps_NaN_to_zero()
    {
        float[] values = [254.6f, -3f, 300f, float.NaN, 127.5f, 0.49f, float.PositiveInfinity, float.NegativeInfinity, 254.4f];
        byte[] expected = [255, 0, 255, 0, 128, 0, 255, 0, 254];
        var image = new PlanarImage(values.Length, 1);
        values.CopyTo(image.Channel(0));
        values.CopyTo(image.Channel(2));

        using var bitmap = image.ToBitmap();

        for (int x = 0; x < values.Length; x++)
        {
            var pixel = bitmap.GetPixel(x, 0);
            Assert.Equal(expected[x], pixel.Red);
            Assert.Equal(0, pixel.Green);
            Assert.Equal(expected[x], pixel.Blue);
            Assert.Equal(255, pixel.Alpha);
        }
    }

    [Fact]
    public void ToPlanar_writes_red_green_and_blue_planes()
    {
        using var bitmap = TestImages.Bitmap(3, 2, (x, y) => new SKColor((byte)(x + (10 * y)), (byte)(100 + x), (byte)(200 + y)));

        var image = bitmap.ToPlanar();

        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal([0f, 1f, 2f, 10f, 11f, 12f], image.Channel(0).ToArray());
        Assert.Equal([100f, 101f, 102f, 100f, 101f, 102f], image.Channel(1).ToArray());
        Assert.Equal([200f, 200f, 200f, 201f, 201f, 201f], image.Channel(2).ToArray());
    }

    [Fact]
    public void Bitmap_to_planar_and_back_is_exact()
    {
        using var bitmap = TestImages.Noise(67, 31);

        using var back = bitmap.ToPlanar().ToBitmap();

        Assert.Equal(bitmap.GetPixelSpan().ToArray(), back.GetPixelSpan().ToArray());
    }

    [Fact]
    public void Bgra_bitmaps_are_read_in_rgb_order()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(1, 1, SKColorType.Bgra8888, SKAlphaType.Opaque));
        bitmap.SetPixel(0, 0, new SKColor(10, 20, 30));

        var image = bitmap.ToPlanar();

        Assert.Equal([10f, 20f, 30f], image.Data);
    }

    [Fact]
    public void Transparent_pixels_are_composited_over_white()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.GetPixelSpan().Clear(); // pixel 0: fully transparent black
        byte[] halfRed = [255, 0, 0, 128];
        halfRed.CopyTo(bitmap.GetPixelSpan()[4..]);

        var image = bitmap.ToPlanar();

        Assert.Equal(255f, image.Channel(0)[0]);
        Assert.Equal(255f, image.Channel(1)[0]);
        Assert.Equal(255f, image.Channel(0)[1], 0.01f);
        Assert.Equal(127f, image.Channel(1)[1], 0.01f);
        Assert.Equal(127f, image.Channel(2)[1], 0.01f);
    }

    [Fact]
    public void Other_colour_types_are_converted()
    {
        using var gray = new SKBitmap(new SKImageInfo(2, 2, SKColorType.Gray8, SKAlphaType.Opaque));
        gray.GetPixelSpan().Fill(77);

        var image = gray.ToPlanar();

        Assert.All(image.Data, v => Assert.Equal(77f, v));
    }
}

using System.Diagnostics;
using Painterly.Core.Images;

namespace Painterly.Core.Tests.Images;

public class PixelLimitTests
{
    [Fact]
    public void Huge_header_is_refused_before_any_pixel_memory()
    {
        byte[] bomb = TestImages.PngHeader(60000, 60000);
        Assert.True(bomb.Length < 100);
        using (var warmUp = TestImages.Noise(2, 2))
        {
            // Loads the native library and JITs the decoder, so neither counts below.
            ImageDecoder.Decode(ImageEncoder.Encode(warmUp, ImageFileFormat.Png)).Dispose();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(bomb, "photo.png"));
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("photo.png is 60000x60000 (3600 MP), above the 50 MP limit; pass --max-pixels to raise it.", e.Message);
        Assert.Equal((60000, 60000, 50_000_000L), (e.Width, e.Height, e.MaxPixels));
        Assert.InRange(allocated, 0, 10_000_000);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 2000);
    }

    [Fact]
    public void Limit_is_configurable()
    {
        using var noise = TestImages.Noise(100, 100);
        byte[] png = ImageEncoder.Encode(noise, ImageFileFormat.Png);

        var e = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(png, "small.png", new ImageDecodeOptions { MaxPixels = 9_999 }));
        Assert.Contains("above the 0.01 MP limit", e.Message, StringComparison.Ordinal);

        using var ok = ImageDecoder.Decode(png, "small.png", new ImageDecodeOptions { MaxPixels = 10_000 });
        Assert.Equal(100, ok.Width);
    }

    [Fact]
    public void Header_within_the_limit_but_without_data_is_invalid() =>
        Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(TestImages.PngHeader(300, 200), "empty.png"));

    [Fact]
    public void Non_positive_limit_is_an_argument_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageDecoder.Decode(TestImages.PngHeader(1, 1), "x.png", new ImageDecodeOptions { MaxPixels = 0 }));
}

using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

/// <summary>Decoding errors say what is actually wrong with the file.</summary>
public class ImageDecoderMessageTests
{
    [Fact]
    public void EmptyFileIsCalledEmpty()
    {
        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode([], "zero.png"));
        Assert.Contains("zero.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadChunkChecksumIsNotCalledJustTruncated()
    {
        byte[] png = TestImages.Encode(TestImages.Noise(32, 32), SKEncodedImageFormat.Png);
        // The IDAT chunk's CRC sits just before the IEND chunk (12 bytes from the end).
        png[^13] ^= 0xFF;

        var error = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(png, "crc.png"));
        Assert.Contains("crc.png", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }
}

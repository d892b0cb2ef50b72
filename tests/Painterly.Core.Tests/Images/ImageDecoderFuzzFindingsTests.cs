using System.Buffers.Binary;
using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

/// <summary>
/// What fuzzing the image decoder found (tools/fuzz/run.sh image; docs/security.md). Skia reads through callbacks
/// from native code, where an exception ends the process instead of reaching the caller.
/// </summary>
public class ImageDecoderFuzzFindingsTests
{
    [Theory]
    [InlineData(0xFDFF0036u)] // the fuzzed file's: a skip of over 2 GB, which SkiaSharp's stream threw on from native code
    [InlineData(0x7FFF0000u)] // just under 2 GB: SkiaSharp's stream rented a buffer that large to skip to it
    [InlineData(0xFFFFFFFFu)]
    public void BmpWhosePixelOffsetLiesFarPastTheEnd_IsRefusedInOneLine(uint pixelOffset)
    {
        byte[] bmp = Bmp(pixelOffset);
        AssertInvalid(() => ImageDecoder.Decode(bmp, "offset.bmp"));
        AssertInvalid(() =>
        {
            using var pipe = new NonSeekableStream(new MemoryStream(bmp));
            return ImageDecoder.Decode(pipe, "offset.bmp");
        });
    }

    [Fact]
    public void TheFuzzedBmp_IsRefusedInOneLine()
    {
        // The 110-byte input as AFL++ saved it (a BMP header spliced with a PNG signature).
        byte[] fuzzed = Convert.FromHexString(
            "424D66001600010101003600FFFD2800000005000000" +
            "03FF0000000018000000000089504E470D0A1A0A3000" +
            "EB00130B0000137FFF00000000A90000000007A00007" +
            "A03207A06407B29607A0C80007500000363211010311" +
            "01FF0000DFFF0101010000320700000100960700C800");
        AssertInvalid(() => ImageDecoder.Decode(fuzzed, "fuzzed.bmp"));
    }

    [Fact]
    public void TheFuzzedBmpThatAskedForGigabytesToSkip_IsRefusedInOneLine()
    {
        // 76 bytes whose pixel offset (the bytes "F89a" of a spliced-in GIF header: 1.6 GB) made SkiaSharp's stream
        // rent a 1.6 GB buffer to skip to it: past the fuzzing run's 1 GiB heap cap, an OutOfMemoryException thrown
        // from a native callback, which ends the process.
        byte[] fuzzed = Convert.FromHexString(
            "424D6600000000004749463839612800000005000000" +
            "03000000010018000000000030000000130B0000130B" +
            "0000000750320750640750960750C800070000070032" +
            "0700640700960700C800");
        AssertInvalid(() => ImageDecoder.Decode(fuzzed, "fuzzed.bmp"));
    }

    [Fact]
    public void BmpWithItsOwnPixelOffset_StillDecodes()
    {
        using var bitmap = ImageDecoder.Decode(Bmp(54), "ok.bmp");
        Assert.Equal(new SKColor(40, 80, 7), bitmap.GetPixel(2, 1));
    }

    private static byte[] Bmp(uint pixelOffset)
    {
        byte[] bmp = TestImages.Bmp(5, 3, (_, _) => new SKColor(40, 80, 7));
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(10), pixelOffset);
        return bmp;
    }

    private static void AssertInvalid(Func<SKBitmap> decode)
    {
        var e = Assert.Throws<InvalidImageException>(() => decode().Dispose());
        Assert.DoesNotContain('\n', e.Message);
    }
}

using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Core.Tests.Images;

public class ImageDecoderTests
{
    [Fact]
    public void Png_round_trip_is_exact()
    {
        using var original = TestImages.Noise(41, 29);
        byte[] png = ImageEncoder.Encode(original, ImageFileFormat.Png);

        using var decoded = ImageDecoder.Decode(png);

        Assert.Equal(SKColorType.Rgba8888, decoded.ColorType);
        Assert.Equal(SKAlphaType.Opaque, decoded.AlphaType);
        Assert.Equal(original.GetPixelSpan().ToArray(), decoded.GetPixelSpan().ToArray());
    }

    [Fact]
    public void Jpeg_round_trip_is_close()
    {
        using var original = TestScene.Render(96, 64);
        byte[] jpeg = ImageEncoder.Encode(original, ImageFileFormat.Jpeg, 95);

        using var decoded = ImageDecoder.Decode(jpeg, "scene.jpg");

        Assert.Equal((96, 64), (decoded.Width, decoded.Height));
        Assert.InRange(MeanAbsoluteDifference(original, decoded), 0, 4);
    }

    [Fact]
    public void Webp_decodes()
    {
        using var original = TestScene.Render(80, 60);
        byte[] webp = ImageEncoder.Encode(original, ImageFileFormat.WebP, 90);

        using var decoded = ImageDecoder.Decode(webp, "scene.webp");

        Assert.Equal((80, 60), (decoded.Width, decoded.Height));
        Assert.InRange(MeanAbsoluteDifference(original, decoded), 0, 6);
    }

    [Fact]
    public void Bmp_decodes_exactly()
    {
        static SKColor Color(int x, int y) => new((byte)(x * 40), (byte)(y * 60), (byte)(255 - (x * 10)));
        byte[] bmp = TestImages.Bmp(5, 3, Color);

        using var decoded = ImageDecoder.Decode(bmp, "old.bmp");

        Assert.Equal((5, 3), (decoded.Width, decoded.Height));
        for (int y = 0; y < 3; y++)
        {
            for (int x = 0; x < 5; x++)
            {
                Assert.Equal(Color(x, y), decoded.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Gif_decodes_its_first_frame()
    {
        using var decoded = ImageDecoder.Decode(TestImages.TwoFrameGif(), "anim.gif");

        Assert.Equal((2, 2), (decoded.Width, decoded.Height));
        Assert.Equal(SKColors.Red, decoded.GetPixel(0, 0));
        Assert.Equal(SKColors.Blue, decoded.GetPixel(1, 0));
        Assert.Equal(SKColors.Blue, decoded.GetPixel(0, 1));
        Assert.Equal(SKColors.Red, decoded.GetPixel(1, 1));
    }

    [Fact]
    public void Png_with_alpha_comes_out_over_white_not_black()
    {
        using var rgba = TestImages.Bitmap(2, 1, (x, _) => x == 0 ? SKColors.Transparent : new SKColor(0, 0, 255, 128), SKAlphaType.Unpremul);
        byte[] png = ImageEncoder.Encode(rgba, ImageFileFormat.Png);

        using var decoded = ImageDecoder.Decode(png, "logo.png");

        Assert.Equal(SKAlphaType.Opaque, decoded.AlphaType);
        Assert.Equal(SKColors.White, decoded.GetPixel(0, 0));
        var half = decoded.GetPixel(1, 0);
        Assert.InRange(half.Red, 126, 128);
        Assert.InRange(half.Green, 126, 128);
        Assert.Equal(255, half.Blue);
        Assert.Equal(255, half.Alpha);
    }

    [Fact]
    public void Path_stream_non_seekable_stream_and_bytes_decode_the_same()
    {
        using var original = TestImages.Noise(16, 9);
        byte[] png = ImageEncoder.Encode(original, ImageFileFormat.Png);
        using var dir = new TempDirectory();
        string path = dir.File("in.png");
        File.WriteAllBytes(path, png);

        using var fromPath = ImageDecoder.Decode(path);
        using var stream = new MemoryStream(png);
        using var fromStream = ImageDecoder.Decode(stream);
        using var upload = new NonSeekableStream(new MemoryStream(png));
        using var fromUpload = ImageDecoder.Decode(upload);

        Assert.True(stream.CanRead, "the caller's stream must be left open");
        Assert.False(upload.IsDisposed, "the caller's stream must be left open");
        byte[] expected = original.GetPixelSpan().ToArray();
        Assert.Equal(expected, fromPath.GetPixelSpan().ToArray());
        Assert.Equal(expected, fromStream.GetPixelSpan().ToArray());
        Assert.Equal(expected, fromUpload.GetPixelSpan().ToArray());
        Assert.Equal(expected, ImageDecoder.DecodePlanar(path).ToBitmap().GetPixelSpan().ToArray());
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Truncated_files_are_invalid(SKEncodedImageFormat format)
    {
        using var scene = TestScene.Render(64, 64);
        byte[] full = TestImages.Encode(scene, format, 90);

        foreach (int length in new[] { full.Length / 2, 40, 12 })
        {
            var e = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(full[..length], "cut.img"));
            Assert.StartsWith("cut.img cannot be read", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 })]
    [InlineData(new byte[] { (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o', (byte)' ', (byte)'w', (byte)'o', (byte)'r', (byte)'l', (byte)'d' })]
    public void Garbage_is_invalid(byte[] bytes)
    {
        var e = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(bytes, "notes.txt"));
        Assert.Equal("notes.txt cannot be read: not a recognised image format; use a complete JPEG, PNG, WebP, BMP or GIF file.", e.Message);
    }

    [Fact]
    public void Garbage_file_is_named_by_its_file_name()
    {
        using var dir = new TempDirectory();
        string path = dir.File("photo.jpg");
        File.WriteAllText(path, "this is not a JPEG");

        var e = Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(path));

        Assert.StartsWith("photo.jpg cannot be read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_not_found()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => ImageDecoder.Decode(dir.File("nope.png")));
    }

    private static double MeanAbsoluteDifference(SKBitmap a, SKBitmap b)
    {
        var x = a.ToPlanar().Data;
        var y = b.ToPlanar().Data;
        return x.Zip(y, (p, q) => Math.Abs(p - q)).Average();
    }
}

using Painterly.Core.Images;
using SkiaSharp;

namespace Painterly.Web.Tests.Infrastructure;

/// <summary>Photos made in memory for uploads.</summary>
internal static class TestImages
{
    /// <summary>A PNG with gradients and shapes (something for the network to work on); noise makes the file big.</summary>
    public static byte[] Png(int width, int height, bool noise = false)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte r = (byte)(255 * x / Math.Max(1, width - 1));
                byte g = (byte)(255 * y / Math.Max(1, height - 1));
                byte b = (byte)(((x / 16) + (y / 16)) % 2 == 0 ? 200 : 40);
                if (noise)
                {
                    r ^= (byte)random.Next(64);
                    g ^= (byte)random.Next(64);
                }

                bitmap.SetPixel(x, y, new SKColor(r, g, b));
            }
        }

        return ImageEncoder.Encode(bitmap, ImageFileFormat.Png);
    }

    /// <summary>Width and height of an encoded image.</summary>
    public static (int Width, int Height) SizeOf(byte[] encoded)
    {
        using var bitmap = SKBitmap.Decode(encoded) ?? throw new InvalidDataException("not an image");
        return (bitmap.Width, bitmap.Height);
    }
}

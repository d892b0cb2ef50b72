using System.Runtime.InteropServices;
using SkiaSharp;

namespace Painterly.Core.Images;

/// <summary>Conversions between SkiaSharp bitmaps and <see cref="PlanarImage"/> (RGB floats 0-255, CHW).</summary>
public static class PlanarImageBitmapExtensions
{
    /// <summary>
    /// The bitmap's RGB as floats 0-255. Pixels that are not opaque are composited over white, as the decoder does.
    /// RGBA8888 and BGRA8888 are read in place; other colour types are converted to RGBA8888 first.
    /// </summary>
    /// <exception cref="ArgumentException">The bitmap has no pixels or cannot be converted.</exception>
    public static PlanarImage ToPlanar(this SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            throw new ArgumentException("The bitmap has no pixels.", nameof(bitmap));
        }

        if (bitmap.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888))
        {
            using var rgba = bitmap.Copy(SKColorType.Rgba8888)
                ?? throw new ArgumentException($"Cannot convert a {bitmap.ColorType} bitmap to RGB.", nameof(bitmap));
            return rgba.ToPlanar();
        }

        var image = PlanarImage.CreateUninitialized(bitmap.Width, bitmap.Height);
        ReadRgb(bitmap, image);
        return image;
    }

    /// <summary>
    /// An opaque RGBA8888 bitmap of <paramref name="image"/>: values rounded to the nearest integer
    /// (halves up), clamped to 0-255, NaN written as 0.
    /// </summary>
    public static SKBitmap ToBitmap(this PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if ((long)image.PixelCount * 4 > int.MaxValue)
        {
            // SkiaSharp exposes pixel memory as a Span, which cannot pass 2 GB.
            throw new ArgumentOutOfRangeException(nameof(image), $"A {image.Width}x{image.Height} image is too large for a bitmap.");
        }

        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            bitmap.Dispose();
            throw new InsufficientMemoryException($"Not enough memory for a {image.Width}x{image.Height} bitmap.");
        }

        var pixels = bitmap.GetPixelSpan();
        int width = image.Width, rowBytes = bitmap.RowBytes;
        ReadOnlySpan<float> red = image.Channel(0), green = image.Channel(1), blue = image.Channel(2);
        for (int y = 0; y < image.Height; y++)
        {
            // One little-endian uint per pixel: R in the low byte, alpha 255 in the high byte.
            var row = MemoryMarshal.Cast<byte, uint>(pixels.Slice(y * rowBytes, width * 4));
            var r = red.Slice(y * width, row.Length);
            var g = green.Slice(y * width, row.Length);
            var b = blue.Slice(y * width, row.Length);
            for (int x = 0; x < row.Length; x++)
            {
                row[x] = ToByte(r[x]) | ((uint)ToByte(g[x]) << 8) | ((uint)ToByte(b[x]) << 16) | 0xFF000000u;
            }
        }

        return bitmap;
    }

    /// <summary>Round half up and clamp; every comparison with NaN is false, so NaN lands on 0.</summary>
    internal static byte ToByte(float value) =>
        value >= 0f ? (value < 254.5f ? (byte)(int)(value + 0.5f) : (byte)255) : (byte)0;

    private static void ReadRgb(SKBitmap bitmap, PlanarImage image)
    {
        ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
        int width = image.Width, rowBytes = bitmap.RowBytes;
        int r = bitmap.ColorType == SKColorType.Bgra8888 ? 2 : 0, b = 2 - r;
        var alpha = bitmap.AlphaType;
        Span<float> red = image.Channel(0), green = image.Channel(1), blue = image.Channel(2);
        for (int y = 0; y < image.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, width * 4);
            int p = y * width;
            if (alpha == SKAlphaType.Opaque)
            {
                var pixel = MemoryMarshal.Cast<byte, uint>(row);
                var rr = red.Slice(p, pixel.Length);
                var gg = green.Slice(p, pixel.Length);
                var bb = blue.Slice(p, pixel.Length);
                int rShift = r * 8, bShift = b * 8;
                for (int x = 0; x < pixel.Length; x++)
                {
                    uint v = pixel[x];
                    rr[x] = (v >> rShift) & 0xFF;
                    gg[x] = (v >> 8) & 0xFF;
                    bb[x] = (v >> bShift) & 0xFF;
                }

                continue;
            }

            // Over white: premultiplied c + (255 - a); unpremultiplied c * a / 255 + (255 - a).
            bool premultiplied = alpha == SKAlphaType.Premul;
            for (int x = 0; x < row.Length; x += 4, p++)
            {
                float a = row[x + 3], scale = premultiplied ? 1f : a / 255f, background = 255f - a;
                red[p] = (row[x + r] * scale) + background;
                green[p] = (row[x + 1] * scale) + background;
                blue[p] = (row[x + b] * scale) + background;
            }
        }
    }
}

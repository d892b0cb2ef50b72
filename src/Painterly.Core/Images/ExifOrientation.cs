using System.Runtime.InteropServices;
using SkiaSharp;

namespace Painterly.Core.Images;

/// <summary>
/// Turns a bitmap stored in an EXIF orientation into the upright image a viewer shows (phone photos are
/// stored sideways with a tag saying how to turn them). Pixels are moved, never resampled.
/// </summary>
internal static class ExifOrientation
{
    /// <summary>True for the orientations (5-8) whose upright image has width and height swapped.</summary>
    public static bool SwapsSides(SKEncodedOrigin origin) => origin is
        SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>A new upright copy of <paramref name="stored"/> (32-bit pixels) for <paramref name="origin"/>.</summary>
    public static SKBitmap Apply(SKBitmap stored, SKEncodedOrigin origin)
    {
        int w = stored.Width, h = stored.Height;
        bool swap = SwapsSides(origin);
        var upright = new SKBitmap(stored.Info.WithSize(swap ? h : w, swap ? w : h));
        if (stored.BytesPerPixel != 4 || upright.GetPixels() == IntPtr.Zero)
        {
            upright.Dispose();
            throw new InvalidOperationException($"Cannot orient a {stored.ColorType} {w}x{h} bitmap.");
        }

        ReadOnlySpan<uint> src = MemoryMarshal.Cast<byte, uint>(stored.GetPixelSpan());
        Span<uint> dst = MemoryMarshal.Cast<byte, uint>(upright.GetPixelSpan());
        int srcStride = stored.RowBytes / 4, dstStride = upright.RowBytes / 4;

        // Upright pixel (ox, oy) comes from stored (sx, sy) = (x0 + ox*dx + oy*ex, y0 + ox*dy + oy*ey).
        var (x0, dx, ex, y0, dy, ey) = origin switch
        {
            SKEncodedOrigin.TopRight => (w - 1, -1, 0, 0, 0, 1),      // 2: mirrored left-right
            SKEncodedOrigin.BottomRight => (w - 1, -1, 0, h - 1, 0, -1), // 3: rotated 180
            SKEncodedOrigin.BottomLeft => (0, 1, 0, h - 1, 0, -1),     // 4: mirrored top-bottom
            SKEncodedOrigin.LeftTop => (0, 0, 1, 0, 1, 0),             // 5: transposed
            SKEncodedOrigin.RightTop => (0, 0, 1, h - 1, -1, 0),       // 6: needs 90 clockwise
            SKEncodedOrigin.RightBottom => (w - 1, 0, -1, h - 1, -1, 0), // 7: transverse
            SKEncodedOrigin.LeftBottom => (w - 1, 0, -1, 0, 1, 0),     // 8: needs 90 counter-clockwise
            _ => (0, 1, 0, 0, 0, 1),
        };

        int step = dy * srcStride + dx;
        for (int oy = 0; oy < upright.Height; oy++)
        {
            int index = (y0 + oy * ey) * srcStride + x0 + oy * ex;
            var row = dst.Slice(oy * dstStride, upright.Width);
            for (int ox = 0; ox < row.Length; ox++, index += step)
            {
                row[ox] = src[index];
            }
        }

        return upright;
    }
}

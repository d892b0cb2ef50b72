using SkiaSharp;

namespace Painterly.Core.Images;

/// <summary>High-quality resizing. Every method returns a new bitmap the caller disposes.</summary>
public static class ImageResizer
{
    /// <summary>Mitchell-Netravali cubic: sharp without the ringing of Catmull-Rom (SkiaSharp 3 has no SKFilterQuality.High).</summary>
    public static SKSamplingOptions Cubic { get; } = new(SKCubicResampler.Mitchell);

    // At exactly half size, bilinear sampling averages 2x2 blocks: a box filter.
    private static readonly SKSamplingOptions Halving = new(SKFilterMode.Linear, SKMipmapMode.None);

    /// <summary>
    /// The size with the longest side at most <paramref name="maxSide"/>, aspect ratio kept, never larger
    /// than the original, each side at least 1.
    /// </summary>
    public static SKSizeI FitLongestSide(int width, int height, int maxSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        if (width <= maxSide && height <= maxSide)
        {
            return new SKSizeI(width, height);
        }

        return width >= height
            ? new SKSizeI(maxSide, Scale(height, maxSide, width))
            : new SKSizeI(Scale(width, maxSide, height), maxSide);
    }

    /// <summary>A copy of <paramref name="bitmap"/> shrunk so its longest side is at most <paramref name="maxSide"/>; never enlarged.</summary>
    public static SKBitmap FitLongestSide(SKBitmap bitmap, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        var size = FitLongestSide(bitmap.Width, bitmap.Height, maxSide);
        return Resize(bitmap, size.Width, size.Height);
    }

    /// <summary>
    /// <paramref name="bitmap"/> resized to exactly <paramref name="width"/> x <paramref name="height"/>.
    /// Large reductions halve with a box filter first, then finish with <see cref="Cubic"/>: a cubic alone
    /// only looks at 4x4 source pixels and would alias when shrinking a photo 8x.
    /// </summary>
    public static SKBitmap Resize(SKBitmap bitmap, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (bitmap.Width == width && bitmap.Height == height)
        {
            return bitmap.Copy() ?? throw new InsufficientMemoryException($"Cannot copy a {width}x{height} bitmap.");
        }

        var current = bitmap;
        try
        {
            while (current.Width >= 2L * width || current.Height >= 2L * height)
            {
                int w = current.Width >= 2L * width ? (current.Width + 1) / 2 : current.Width;
                int h = current.Height >= 2L * height ? (current.Height + 1) / 2 : current.Height;
                var half = Scale(current, w, h, Halving);
                if (!ReferenceEquals(current, bitmap))
                {
                    current.Dispose();
                }

                current = half;
            }

            if (current.Width == width && current.Height == height)
            {
                var done = current;
                current = bitmap;
                return done;
            }

            return Scale(current, width, height, Cubic);
        }
        finally
        {
            if (!ReferenceEquals(current, bitmap))
            {
                current.Dispose();
            }
        }
    }

    private static int Scale(int side, int numerator, int denominator) =>
        (int)Math.Max(1, Math.Round((double)side * numerator / denominator, MidpointRounding.AwayFromZero));

    private static SKBitmap Scale(SKBitmap source, int width, int height, SKSamplingOptions sampling)
    {
        var target = new SKBitmap(source.Info.WithSize(width, height));
        if (target.GetPixels() == IntPtr.Zero || !source.ScalePixels(target, sampling))
        {
            target.Dispose();
            throw new InvalidOperationException($"Resizing a {source.Width}x{source.Height} {source.ColorType} bitmap to {width}x{height} failed.");
        }

        return target;
    }
}

namespace Painterly.Core.Images;

/// <summary>
/// Pads a <see cref="PlanarImage"/> on the right and bottom to a multiple of N, and crops it back.
/// A StyleNet downsamples twice by 2 then upsamples, so sides that are not multiples of 4 come out a pixel
/// off; padding makes them fit. Only right and bottom are padded so the original sits at (0, 0) and cropping
/// back is a plain top-left crop.
/// </summary>
/// <remarks>
/// Padding mirrors PyTorch ReflectionPad2d: the edge pixel is not repeated ([1, 2, 3] padded by 2 gives
/// [1, 2, 3, 2, 1]). Where the pad reaches past the mirror image (PyTorch refuses pad &gt;= size) the
/// reflection repeats back and forth; a side of 1 pixel is replicated.
/// </remarks>
public static class ReflectPadding
{
    /// <summary>StyleNet needs multiples of 4 (two stride-2 stages).</summary>
    public const int DefaultMultiple = 4;

    /// <summary>The smallest multiple of <paramref name="multiple"/> that is at least <paramref name="size"/>.</summary>
    public static int RoundUp(int size, int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        return checked((size + multiple - 1) / multiple * multiple);
    }

    /// <summary>
    /// <paramref name="image"/> padded so both sides are multiples of <paramref name="multiple"/>;
    /// the same instance when they already are.
    /// </summary>
    public static PlanarImage PadToMultiple(PlanarImage image, int multiple = DefaultMultiple)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Pad(image, RoundUp(image.Width, multiple) - image.Width, RoundUp(image.Height, multiple) - image.Height);
    }

    /// <summary>
    /// <paramref name="image"/> with <paramref name="right"/> columns and <paramref name="bottom"/> rows of
    /// reflection added; the same instance when both are 0.
    /// </summary>
    public static PlanarImage Pad(PlanarImage image, int right, int bottom)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(right);
        ArgumentOutOfRangeException.ThrowIfNegative(bottom);
        if (right == 0 && bottom == 0)
        {
            return image;
        }

        int width = image.Width, height = image.Height;
        var padded = new PlanarImage(checked(width + right), checked(height + bottom));
        for (int c = 0; c < PlanarImage.Channels; c++)
        {
            for (int y = 0; y < padded.Height; y++)
            {
                ReadOnlySpan<float> source = image.Row(c, Reflect(y, height));
                var target = padded.Row(c, y);
                source.CopyTo(target);
                for (int x = width; x < target.Length; x++)
                {
                    target[x] = source[Reflect(x, width)];
                }
            }
        }

        return padded;
    }

    /// <summary>The top-left <paramref name="width"/> x <paramref name="height"/> of <paramref name="image"/> (undoes a pad).</summary>
    public static PlanarImage Crop(PlanarImage image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, image.Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, image.Height);
        if (width == image.Width && height == image.Height)
        {
            return image;
        }

        var cropped = new PlanarImage(width, height);
        for (int c = 0; c < PlanarImage.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                image.Row(c, y)[..width].CopyTo(cropped.Row(c, y));
            }
        }

        return cropped;
    }

    /// <summary>Source index for position <paramref name="index"/> (&gt;= 0) along a side of <paramref name="size"/>.</summary>
    internal static int Reflect(int index, int size)
    {
        if (size == 1)
        {
            return 0;
        }

        // Reflection without repeating edges is periodic: 0 1 2 .. size-1 .. 2 1 | 0 1 2 ..
        int period = 2 * (size - 1);
        int m = index % period;
        return m < size ? m : period - m;
    }
}

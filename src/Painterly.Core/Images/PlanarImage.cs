using Painterly.Core.Models;

namespace Painterly.Core.Images;

/// <summary>
/// An RGB image as float32 values in 0-255, planar (CHW): all red values row by row, then green, then blue.
/// This is the layout a style network takes as its N=1 input tensor.
/// </summary>
public sealed class PlanarImage
{
    /// <summary>Colour channels (R, G, B).</summary>
    public const int Channels = 3;

    /// <summary>A black image of the given size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1 or the image would not fit in one array.</exception>
    public PlanarImage(int width, int height)
        : this(width, height, new float[ValueCount(width, height)])
    {
    }

    /// <summary>Wraps <paramref name="data"/> (CHW, length 3 * width * height) without copying.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1 or the image would not fit in one array.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> has the wrong length.</exception>
    public PlanarImage(int width, int height, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int count = ValueCount(width, height);
        if (data.Length != count)
        {
            throw new ArgumentException($"A {width}x{height} RGB image needs {count} values, got {data.Length}.", nameof(data));
        }

        Width = width;
        Height = height;
        Data = data;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The values, CHW order, 0-255 (not clamped: a network may write outside the range).</summary>
    public float[] Data { get; }

    /// <summary>Pixels in one channel (width * height).</summary>
    public int PixelCount => Width * Height;

    /// <summary>The plane of channel <paramref name="channel"/> (0 = R, 1 = G, 2 = B), row by row.</summary>
    public Span<float> Channel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        return Data.AsSpan(channel * PixelCount, PixelCount);
    }

    /// <summary>Row <paramref name="y"/> of channel <paramref name="channel"/>.</summary>
    public Span<float> Row(int channel, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return Channel(channel).Slice(y * Width, Width);
    }

    /// <summary>A deep copy.</summary>
    public PlanarImage Clone() => new(Width, Height, (float[])Data.Clone());

    /// <summary>A [1, 3, H, W] tensor sharing this image's values (no copy).</summary>
    public FloatTensor AsTensor() => new([1, Channels, Height, Width], Data);

    /// <summary>Wraps a [1, 3, H, W] or [3, H, W] tensor's values (no copy).</summary>
    /// <exception cref="ArgumentException">The tensor is not an RGB image.</exception>
    public static PlanarImage FromTensor(FloatTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int[] s = tensor.Shape;
        bool rgb = (s.Length == 4 && s[0] == 1 && s[1] == Channels) || (s.Length == 3 && s[0] == Channels);
        if (!rgb)
        {
            throw new ArgumentException($"Expected an image tensor [1, 3, H, W], got [{string.Join(", ", s)}].", nameof(tensor));
        }

        return new PlanarImage(s[^1], s[^2], tensor.Data);
    }

    /// <summary>An image whose values are garbage until written: for converters that overwrite every value.</summary>
    internal static PlanarImage CreateUninitialized(int width, int height) =>
        new(width, height, GC.AllocateUninitializedArray<float>(ValueCount(width, height)));

    /// <summary>3 * width * height, checked so a huge size fails here rather than as a negative array length.</summary>
    internal static int ValueCount(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        // Two positive ints multiply within a long; the channel factor is applied only once that is known small.
        long pixels = (long)width * height;
        long count = pixels <= Array.MaxLength ? Channels * pixels : long.MaxValue;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}x{height} image is too large for one float array.");
        }

        return (int)count;
    }
}

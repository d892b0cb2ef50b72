namespace Painterly.CoreML.Interpreting;

/// <summary>
/// A blob of the interpreter: one [C, H, W] float tensor (Core ML's rank-5 [S, B, C, H, W] with S = B = 1), CHW order.
/// </summary>
internal sealed class Blob
{
    /// <summary>Allocates a zeroed blob.</summary>
    public Blob(int channels, int height, int width)
        : this(channels, height, width, new float[checked(channels * height * width)])
    {
    }

    /// <summary>Wraps <paramref name="data"/> (CHW) without copying.</summary>
    public Blob(int channels, int height, int width, float[] data)
    {
        if (channels < 1 || height < 1 || width < 1)
        {
            throw new InvalidDataException($"A blob needs positive dimensions, got [{channels}, {height}, {width}].");
        }

        if (data.Length != (long)channels * height * width)
        {
            throw new ArgumentException($"A [{channels}, {height}, {width}] blob needs {(long)channels * height * width} values, got {data.Length}.", nameof(data));
        }

        Channels = channels;
        Height = height;
        Width = width;
        Data = data;
    }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public float[] Data { get; }

    /// <summary>Values in one channel.</summary>
    public int Plane => Height * Width;

    public Span<float> Channel(int c) => Data.AsSpan(c * Plane, Plane);

    public string ShapeText => $"[{Channels}, {Height}, {Width}]";

    public Blob Like() => new(Channels, Height, Width);
}

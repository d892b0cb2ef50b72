namespace Painterly.Onnx;

/// <summary>An image size in pixels.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>Smallest side a StyleNet accepts: the 1/4-resolution bottleneck needs 2 pixels for its reflection pad.</summary>
    public const int MinSide = 8;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless both sides are at least <see cref="MinSide"/> and multiples of 4
    /// (two stride-2 convolutions and two x2 upsamplings only give back the input size then).
    /// </summary>
    public ImageSize Validate(string paramName)
    {
        if (Width < MinSide || Height < MinSide || Width % 4 != 0 || Height % 4 != 0)
        {
            throw new ArgumentException($"Image size {Width}x{Height} must have sides >= {MinSide} that are multiples of 4 (pad the image first).", paramName);
        }

        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Width}x{Height}";
}

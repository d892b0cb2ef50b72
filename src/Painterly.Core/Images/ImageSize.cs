namespace Painterly.Core.Images;

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

    /// <summary>Parses <c>WIDTHxHEIGHT</c> (e.g. <c>512x384</c>) or a single side for a square.</summary>
    /// <exception cref="FormatException">Not of that form, or a side is not a positive integer.</exception>
    public static ImageSize Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int width)
            && int.TryParse(parts[^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int height)
            && width > 0 && height > 0)
        {
            return new ImageSize(width, height);
        }

        throw new FormatException($"'{text}' is not a size; write WIDTHxHEIGHT, e.g. 512x512.");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Width}x{Height}";
}

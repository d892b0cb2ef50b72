namespace Painterly.Core.Images;

/// <summary>Settings for <see cref="ImageDecoder"/>.</summary>
public sealed record ImageDecodeOptions
{
    /// <summary>The default pixel limit: 50 MP, about 200 MB decoded and 600 MB as floats.</summary>
    public const long DefaultMaxPixels = 50_000_000;

    /// <summary>The defaults.</summary>
    public static ImageDecodeOptions Default { get; } = new();

    /// <summary>
    /// Largest width * height accepted. Checked against the header before any pixel memory is allocated,
    /// so a small file claiming a huge size (a decompression bomb) is refused cheaply.
    /// </summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;
}

namespace Painterly.CoreML;

/// <summary>
/// How <see cref="CoreMLExporter"/> writes a style model: image size or size flexibility, weight precision, the
/// oldest iOS the model must run on, and model-card text.
/// </summary>
public sealed record CoreMLExportOptions
{
    /// <summary>The image side used when no size is given.</summary>
    public const int DefaultSide = 512;

    /// <summary>
    /// The fixed size, or with <see cref="EnumeratedSizes"/> or <see cref="SizeRange"/> the default size (which must
    /// lie inside them). Null: 512x512, or the first enumerated size, or the range minimum.
    /// </summary>
    public CoreMLImageSize? Size { get; init; }

    /// <summary>The sizes the model accepts (Core ML 2 / iOS 12). Exclusive with <see cref="SizeRange"/>.</summary>
    public IReadOnlyList<CoreMLImageSize>? EnumeratedSizes { get; init; }

    /// <summary>A range of sides the model accepts (Core ML 2 / iOS 12). Exclusive with <see cref="EnumeratedSizes"/>.</summary>
    public CoreMLSizeRange? SizeRange { get; init; }

    /// <summary>Store weights as IEEE half floats (half the file size; Core ML 1.2 / iOS 11.2).</summary>
    public bool Fp16 { get; init; }

    /// <summary>
    /// The oldest iOS (11, 12, 13 or 14) the model must run on. It allows newer layers (13: a Clip layer instead of
    /// the three-layer clamp). Features asked for explicitly (fp16, flexible sizes) raise the requirement on their
    /// own; the file's specification version always states what the model actually needs.
    /// </summary>
    public int MinimumIos { get; init; } = 11;

    /// <summary>Author written in the metadata.</summary>
    public string Author { get; init; } = "Painterly";

    /// <summary>Model version written in the metadata.</summary>
    public string ModelVersion { get; init; } = "1.0";

    /// <summary>The default (or fixed) image size these options give.</summary>
    public CoreMLImageSize DefaultSize =>
        Size ?? (EnumeratedSizes is { Count: > 0 } sizes ? sizes[0]
            : SizeRange is { } range ? new CoreMLImageSize(range.Min, range.Min)
            : new CoreMLImageSize(DefaultSide, DefaultSide));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public CoreMLExportOptions Validate()
    {
        if (MinimumIos is < 11 or > 14)
        {
            throw new ArgumentException($"MinimumIos must be 11, 12, 13 or 14, got {MinimumIos}.");
        }

        if (EnumeratedSizes is not null && SizeRange is not null)
        {
            throw new ArgumentException("Give either enumerated sizes or a size range, not both.");
        }

        if (Size is { } size)
        {
            CheckSide(size.Width, "width");
            CheckSide(size.Height, "height");
        }

        if (EnumeratedSizes is { } sizes)
        {
            ValidateEnumerated(sizes);
        }

        if (SizeRange is { } range)
        {
            ValidateRange(range);
        }

        return this;
    }

    private void ValidateEnumerated(IReadOnlyList<CoreMLImageSize> sizes)
    {
        if (sizes.Count == 0)
        {
            throw new ArgumentException("Enumerated sizes must list at least one size.");
        }

        foreach (var s in sizes)
        {
            CheckSide(s.Width, "width");
            CheckSide(s.Height, "height");
        }

        if (sizes.Distinct().Count() != sizes.Count)
        {
            throw new ArgumentException($"Enumerated sizes repeat a size: {string.Join(", ", sizes)}.");
        }

        if (Size is { } size && !sizes.Contains(size))
        {
            throw new ArgumentException($"The default size {size} is not one of the enumerated sizes {string.Join(", ", sizes)}.");
        }
    }

    private void ValidateRange(CoreMLSizeRange range)
    {
        CheckSide(range.Min, "range minimum");
        CheckSide(range.Max, "range maximum");
        if (range.Max < range.Min)
        {
            throw new ArgumentException($"Size range {range} is empty: the maximum is below the minimum.");
        }

        if (Size is { } size && (size.Width < range.Min || size.Width > range.Max || size.Height < range.Min || size.Height > range.Max))
        {
            throw new ArgumentException($"The default size {size} lies outside the size range {range}.");
        }
    }

    // The network halves the resolution twice and doubles it twice, so only multiples of 4 come back the same size.
    private static void CheckSide(int side, string what)
    {
        if (side < 4 || side % 4 != 0)
        {
            throw new ArgumentException($"Image {what} {side} is not a positive multiple of 4 (the network downsamples twice by 2); pad or crop the image to a multiple of 4.");
        }
    }
}

namespace Painterly.Core.Stylizing;

/// <summary>How <see cref="ImageStylizer"/> treats an image beyond running the network.</summary>
public sealed record StylizeOptions
{
    /// <summary>Plain whole-image stylization at full strength.</summary>
    public static StylizeOptions Default { get; } = new();

    /// <summary>
    /// Stylize in tiles of at most this side (multiple of 4), blended where they overlap, so memory stays
    /// bounded for large photos. 0 = the whole image at once.
    /// </summary>
    public int TileSize { get; init; }

    /// <summary>
    /// Above this many pixels an image is tiled at <see cref="AutoTileSize"/> even when <see cref="TileSize"/> is 0:
    /// the network's activations take about 200 bytes a pixel, so a 12 MP photo stylized whole needs 2.4 GB and a
    /// 50 MP one 10 GB. 0 = never tile on its own.
    /// </summary>
    public long AutoTilePixels { get; init; } = DefaultAutoTilePixels;

    /// <summary>The default of <see cref="AutoTilePixels"/>: 4 megapixels, a 2000x2000 image, still stylized whole.</summary>
    public const long DefaultAutoTilePixels = 4_000_000;

    /// <summary>The tile side used above <see cref="AutoTilePixels"/>: about 200 MB of activations a tile.</summary>
    public const int AutoTileSize = 1024;

    /// <summary>The tile side used for an image of <paramref name="width"/> x <paramref name="height"/> (0 = whole).</summary>
    public int TileSizeFor(int width, int height) =>
        TileSize > 0 ? TileSize
        : AutoTilePixels > 0 && (long)width * height > AutoTilePixels ? AutoTileSize
        : 0;

    /// <summary>
    /// Pixels shared by neighbouring tiles and cross-faded; 0 = a quarter of <see cref="TileSize"/>.
    /// Each tile normalises its own statistics (InstanceNorm), so a generous overlap hides the change of tone.
    /// </summary>
    public int TileOverlap { get; init; }

    /// <summary>Keep the photo's colours, take only the stylized luminance.</summary>
    public bool PreserveColor { get; init; }

    /// <summary>1 = fully stylized, 0 = the photo unchanged.</summary>
    public float Strength { get; init; } = 1f;

    /// <summary>The overlap actually used.</summary>
    public int EffectiveOverlap => OverlapFor(TileSize);

    /// <summary>The overlap used with tiles of <paramref name="tileSize"/>.</summary>
    public int OverlapFor(int tileSize) => TileOverlap > 0 ? TileOverlap : tileSize / 4;

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public StylizeOptions Validate()
    {
        if (TileSize != 0 && (TileSize < 64 || TileSize % ImageStylizer.SideMultiple != 0))
        {
            throw new ArgumentException($"Tile size must be 0 or a multiple of {ImageStylizer.SideMultiple} of at least 64, got {TileSize}.");
        }

        if (TileOverlap < 0 || (TileSize > 0 && EffectiveOverlap * 2 > TileSize))
        {
            throw new ArgumentException($"Tile overlap must be 0..{TileSize / 2}, got {TileOverlap}.");
        }

        if (AutoTilePixels < 0)
        {
            throw new ArgumentException($"Auto-tiling pixel budget must be 0 or more, got {AutoTilePixels}.");
        }

        if (!(Strength >= 0f && Strength <= 1f))
        {
            throw new ArgumentException($"Strength must be between 0 and 1, got {Strength}.");
        }

        return this;
    }
}

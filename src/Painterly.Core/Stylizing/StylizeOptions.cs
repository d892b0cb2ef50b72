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
    /// Pixels shared by neighbouring tiles and cross-faded; 0 = a quarter of <see cref="TileSize"/>.
    /// Each tile normalises its own statistics (InstanceNorm), so a generous overlap hides the change of tone.
    /// </summary>
    public int TileOverlap { get; init; }

    /// <summary>Keep the photo's colours, take only the stylized luminance.</summary>
    public bool PreserveColor { get; init; }

    /// <summary>1 = fully stylized, 0 = the photo unchanged.</summary>
    public float Strength { get; init; } = 1f;

    /// <summary>The overlap actually used.</summary>
    public int EffectiveOverlap => TileOverlap > 0 ? TileOverlap : TileSize / 4;

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

        if (!(Strength >= 0f && Strength <= 1f))
        {
            throw new ArgumentException($"Strength must be between 0 and 1, got {Strength}.");
        }

        return this;
    }
}

namespace Painterly.Core.Stylizing;

/// <summary>
/// Where the tiles go along one axis, and each pixel's blend weight inside a tile: tiles of equal size
/// (the last one aligned to the far edge), weights ramping linearly across the overlap so the sum of weights
/// is continuous and no tile border shows as a step.
/// </summary>
public sealed class TileLayout
{
    /// <summary>Lays out tiles of <paramref name="tile"/> pixels over <paramref name="length"/> pixels.</summary>
    public TileLayout(int length, int tile, int overlap)
    {
        if (length < 1 || tile < 1 || overlap < 0 || overlap * 2 > tile)
        {
            throw new ArgumentOutOfRangeException(nameof(tile), $"Bad tiling: length {length}, tile {tile}, overlap {overlap}.");
        }

        Length = length;
        TileLength = Math.Min(tile, length);
        Overlap = TileLength == length ? 0 : overlap;
        var starts = new List<int>();
        int step = TileLength - Overlap;
        for (int start = 0; ; start += step)
        {
            if (start + TileLength >= length)
            {
                starts.Add(length - TileLength);
                break;
            }

            starts.Add(start);
        }

        Starts = starts;
    }

    /// <summary>Image length along this axis.</summary>
    public int Length { get; }

    /// <summary>Every tile's length (the image length when it fits in one tile).</summary>
    public int TileLength { get; }

    /// <summary>Nominal overlap between neighbours (the last pair may overlap more).</summary>
    public int Overlap { get; }

    /// <summary>First pixel of each tile, ascending.</summary>
    public IReadOnlyList<int> Starts { get; }

    /// <summary>
    /// Blend weights of tile <paramref name="index"/>: 1 inside, ramping down towards edges shared with a
    /// neighbour over the width actually shared, never 0 (so every pixel is covered).
    /// </summary>
    public float[] Weights(int index)
    {
        var weights = new float[TileLength];
        int start = Starts[index];
        int sharedBefore = index == 0 ? 0 : Starts[index - 1] + TileLength - start;
        int sharedAfter = index == Starts.Count - 1 ? 0 : start + TileLength - Starts[index + 1];
        for (int i = 0; i < TileLength; i++)
        {
            float w = 1f;
            if (i < sharedBefore)
            {
                w = Math.Min(w, (i + 0.5f) / sharedBefore);
            }

            if (TileLength - 1 - i < sharedAfter)
            {
                w = Math.Min(w, (TileLength - i - 0.5f) / sharedAfter);
            }

            weights[i] = w;
        }

        return weights;
    }
}

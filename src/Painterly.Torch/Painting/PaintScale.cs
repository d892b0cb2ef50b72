namespace Painterly.Torch.Painting;

/// <summary>One stage of a painting: the longest side and the iterations spent at it.</summary>
/// <param name="Side">Longest side in pixels.</param>
/// <param name="Iterations">Iterations at this side.</param>
public sealed record PaintScale(int Side, int Iterations)
{
    /// <summary>
    /// The stages for <paramref name="options"/>: above the multi-scale threshold, half the size for half the
    /// iterations first (cheap, and it settles the large strokes), then the full size; otherwise one stage.
    /// </summary>
    public static IReadOnlyList<PaintScale> Plan(PaintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MultiScaleAbove > 0 && options.Size > options.MultiScaleAbove && options.Iterations >= 2)
        {
            int first = options.Iterations / 2;
            return [new(options.Size / 2, first), new(options.Size, options.Iterations - first)];
        }

        return [new(options.Size, options.Iterations)];
    }
}

using Painterly.Core.Images;

namespace Painterly.Core.Stylizing;

/// <summary>
/// Stylizes whole images of any size with an <see cref="IStyleEngine"/>: reflect-pads to the multiple of 4
/// the network needs and crops back (the output has exactly the input's size), tiles large images with
/// feathered overlaps (on request, and always above a pixel budget so memory stays bounded), and applies colour
/// preservation and strength.
/// </summary>
public sealed class ImageStylizer(IStyleEngine engine)
{
    /// <summary>The side multiple a StyleNet needs (two stride-2 convolutions).</summary>
    public const int SideMultiple = 4;

    /// <summary>The runtime doing the work.</summary>
    public IStyleEngine Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>Returns the stylized image, the same size as <paramref name="image"/>.</summary>
    public PlanarImage Stylize(PlanarImage image, StylizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options = (options ?? StylizeOptions.Default).Validate();
        int tileSize = options.TileSizeFor(image.Width, image.Height);
        bool tiled = tileSize > 0 && Math.Max(image.Width, image.Height) > tileSize;
        var stylized = tiled ? StylizeTiled(image, tileSize, options.OverlapFor(tileSize)) : StylizeWhole(image);
        if (options.PreserveColor)
        {
            stylized = ColorTransfer.PreserveColor(image, stylized);
        }

        return options.Strength < 1f ? ColorTransfer.Blend(image, stylized, options.Strength) : stylized;
    }

    private PlanarImage StylizeWhole(PlanarImage image)
    {
        // Multiples of 4, and at least 8: the quarter-resolution bottleneck needs 2 pixels for its reflection pad.
        int width = Math.Max(ReflectPadding.RoundUp(image.Width, SideMultiple), ImageSize.MinSide);
        int height = Math.Max(ReflectPadding.RoundUp(image.Height, SideMultiple), ImageSize.MinSide);
        var padded = ReflectPadding.Pad(image, width - image.Width, height - image.Height);
        var output = new PlanarImage(padded.Width, padded.Height, Engine.Stylize(padded.Data, padded.Width, padded.Height));
        return ReflectPadding.Crop(output, image.Width, image.Height);
    }

    private PlanarImage StylizeTiled(PlanarImage image, int tileSize, int overlap)
    {
        var columns = new TileLayout(image.Width, tileSize, overlap);
        var rows = new TileLayout(image.Height, tileSize, overlap);
        var sum = new PlanarImage(image.Width, image.Height);

        // Every tile has the same size, so one input and one output buffer serve them all: a large photo
        // otherwise leaves hundreds of megabytes of tile garbage on the large-object heap.
        var tile = new PlanarImage(columns.TileLength, rows.TileLength);
        bool direct = tile.Width % SideMultiple == 0 && tile.Height % SideMultiple == 0 && tile.Width >= ImageSize.MinSide && tile.Height >= ImageSize.MinSide;
        var stylized = direct ? new PlanarImage(tile.Width, tile.Height) : null;
        for (int r = 0; r < rows.Starts.Count; r++)
        {
            var rowWeights = rows.Weights(r);
            for (int c = 0; c < columns.Starts.Count; c++)
            {
                int x0 = columns.Starts[c], y0 = rows.Starts[r];
                Extract(image, x0, y0, tile);
                if (stylized is not null)
                {
                    Engine.Stylize(tile.Data, tile.Width, tile.Height, stylized.Data);
                }

                Accumulate(sum, stylized ?? StylizeWhole(tile), x0, y0, columns.Weights(c), rowWeights);
            }
        }

        // The weights are a product of a column and a row weight, so their sum over tiles is the product of sums.
        var columnTotals = Totals(columns);
        var rowTotals = Totals(rows);
        for (int ch = 0; ch < PlanarImage.Channels; ch++)
        {
            for (int y = 0; y < image.Height; y++)
            {
                var row = sum.Row(ch, y);
                for (int x = 0; x < image.Width; x++)
                {
                    row[x] /= columnTotals[x] * rowTotals[y];
                }
            }
        }

        return sum;
    }

    private static float[] Totals(TileLayout layout)
    {
        var totals = new float[layout.Length];
        for (int i = 0; i < layout.Starts.Count; i++)
        {
            var weights = layout.Weights(i);
            for (int x = 0; x < weights.Length; x++)
            {
                totals[layout.Starts[i] + x] += weights[x];
            }
        }

        return totals;
    }

    private static void Extract(PlanarImage image, int x0, int y0, PlanarImage tile)
    {
        for (int ch = 0; ch < PlanarImage.Channels; ch++)
        {
            for (int y = 0; y < tile.Height; y++)
            {
                image.Row(ch, y0 + y).Slice(x0, tile.Width).CopyTo(tile.Row(ch, y));
            }
        }
    }

    private static void Accumulate(PlanarImage sum, PlanarImage tile, int x0, int y0, float[] colWeights, float[] rowWeights)
    {
        for (int y = 0; y < tile.Height; y++)
        {
            float wy = rowWeights[y];
            for (int ch = 0; ch < PlanarImage.Channels; ch++)
            {
                var source = tile.Row(ch, y);
                var target = sum.Row(ch, y0 + y).Slice(x0, tile.Width);
                for (int x = 0; x < tile.Width; x++)
                {
                    target[x] += wy * colWeights[x] * source[x];
                }
            }
        }
    }
}

using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// CropLayerParams. One input: remove cropAmounts [height (top, bottom), width (left, right)]. Two inputs: take the
/// second input's height and width from the first, starting at offset [row, column].
/// </summary>
internal static class CropKernel
{
    public static Blob Run(string name, CropLayerParams p, IReadOnlyList<Blob> inputs)
    {
        var x = inputs[0];
        int top, left, height, width;
        if (inputs.Count == 1)
        {
            (top, int bottom, left, int right) = Border(p.CropAmounts, name, "cropAmounts");
            height = x.Height - top - bottom;
            width = x.Width - left - right;
        }
        else
        {
            (top, left) = Pair(p.Offset, 0, name, "offset");
            height = inputs[1].Height;
            width = inputs[1].Width;
        }

        if (height < 1 || width < 1 || top + height > x.Height || left + width > x.Width)
        {
            throw Invalid(name, $"the crop window ({height}x{width} at row {top}, column {left}) does not fit the {x.ShapeText} input.");
        }

        var y = new Blob(x.Channels, height, width);
        for (int c = 0; c < x.Channels; c++)
        {
            ReadOnlySpan<float> input = x.Channel(c);
            var output = y.Channel(c);
            for (int r = 0; r < height; r++)
            {
                input.Slice(((top + r) * x.Width) + left, width).CopyTo(output.Slice(r * width, width));
            }
        }

        return y;
    }
}

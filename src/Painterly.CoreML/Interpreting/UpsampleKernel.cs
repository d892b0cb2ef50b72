using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.Interpreting;

/// <summary>UpsampleLayerParams, nearest neighbour with integer factors [height, width] (none means 1).</summary>
internal static class UpsampleKernel
{
    public static Blob Run(string name, UpsampleLayerParams p, Blob x)
    {
        if (p.Mode != UpsampleLayerParams.Types.InterpolationMode.Nn || p.FractionalScalingFactor.Count > 0)
        {
            throw new NotSupportedException($"Layer '{name}' uses {p.Mode} upsampling{(p.FractionalScalingFactor.Count > 0 ? " with fractional factors" : string.Empty)}; this interpreter supports nearest neighbour with integer factors.");
        }

        var (fh, fw) = Pair(p.ScalingFactor, 1, name, "scalingFactor");
        if (fh < 1 || fw < 1)
        {
            throw Invalid(name, "scalingFactor must be positive.");
        }

        var y = new Blob(x.Channels, x.Height * fh, x.Width * fw);
        for (int c = 0; c < x.Channels; c++)
        {
            ReadOnlySpan<float> input = x.Channel(c);
            var output = y.Channel(c);
            for (int oy = 0; oy < y.Height; oy++)
            {
                var inRow = input.Slice(oy / fh * x.Width, x.Width);
                var outRow = output.Slice(oy * y.Width, y.Width);
                for (int ox = 0; ox < outRow.Length; ox++)
                {
                    outRow[ox] = inRow[ox / fw];
                }
            }
        }

        return y;
    }
}

using Google.Protobuf.Collections;
using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.Interpreting;

/// <summary>
/// ScaleLayerParams (y = scale * x, plus bias when hasBias) and BiasLayerParams (y = x + bias). The parameter
/// shapes are [1], [C], [1, H, W] or [C, H, W] and broadcast over the input.
/// </summary>
internal static class ScaleBiasKernel
{
    public static Blob Scale(string name, ScaleLayerParams p, Blob x)
    {
        var scale = Parameter(name, "scale", p.ShapeScale, p.Scale, x);
        var bias = p.HasBias ? Parameter(name, "bias", p.ShapeBias, p.Bias, x) : null;
        var y = x.Like();
        int i = 0;
        for (int c = 0; c < x.Channels; c++)
        {
            for (int h = 0; h < x.Height; h++)
            {
                for (int w = 0; w < x.Width; w++, i++)
                {
                    float v = x.Data[i] * scale.At(c, h, w);
                    y.Data[i] = bias is null ? v : v + bias.At(c, h, w);
                }
            }
        }

        return y;
    }

    public static Blob Bias(string name, BiasLayerParams p, Blob x)
    {
        var bias = Parameter(name, "bias", p.Shape, p.Bias, x);
        var y = x.Like();
        int i = 0;
        for (int c = 0; c < x.Channels; c++)
        {
            for (int h = 0; h < x.Height; h++)
            {
                for (int w = 0; w < x.Width; w++, i++)
                {
                    y.Data[i] = x.Data[i] + bias.At(c, h, w);
                }
            }
        }

        return y;
    }

    private static Broadcast Parameter(string name, string role, RepeatedField<ulong> shape, WeightParams? weights, Blob x)
    {
        int[] dims = [.. shape.Select(d => Int(d, name, role + " shape"))];
        (int C, int H, int W) full = dims.Length switch
        {
            1 => (dims[0], 1, 1),
            3 => (dims[0], dims[1], dims[2]),
            _ => throw Invalid(name, $"{role} shape must have 1 or 3 dimensions, got [{string.Join(", ", dims)}]."),
        };
        bool spatialMatches = dims.Length == 1 || (full.H == x.Height && full.W == x.Width);
        if ((full.C != 1 && full.C != x.Channels) || !spatialMatches)
        {
            throw Invalid(name, $"{role} shape [{string.Join(", ", dims)}] does not broadcast over a {x.ShapeText} input ([1], [C], [1, H, W] or [C, H, W]).");
        }

        float[] values = Expect(WeightValues.Read(weights, name, role), (long)full.C * full.H * full.W, name, role);
        return new Broadcast(values, full.C == 1 ? 0 : full.H * full.W, full.H == 1 ? 0 : full.W, full.W == 1 ? 0 : 1);
    }

    private sealed record Broadcast(float[] Values, int StrideC, int StrideH, int StrideW)
    {
        public float At(int c, int h, int w) => Values[(c * StrideC) + (h * StrideH) + (w * StrideW)];
    }
}

using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// A stride-1 convolution with few output channels, computed as one stride-2 convolution that yields each
/// of the four pixel phases as its own channel, then interleaved by DepthToSpace. Same result; the point is
/// speed: ONNX Runtime's blocked (NCHWc) convolutions pad output channels to 8 or 16, so a 3-channel output
/// wastes most of the work, while 12 phase channels fill most of a block.
/// </summary>
internal static class PolyphaseConvolution
{
    /// <summary>Adds the convolution of <paramref name="x"/> padded by <paramref name="pad"/>; output at full resolution.</summary>
    public static string Add(OnnxGraphBuilder graph, OnnxConvolutions convs, StyleModel model, StyleNetStage stage, string prefix, string x, Func<string, string> pad)
    {
        if (stage.Stride != 1 || stage.Upsample is not null)
        {
            throw new InvalidOperationException($"Stage '{stage.Name}' is not a plain stride-1 convolution.");
        }

        int kernel = stage.Kernel + 1;
        string phases = convs.Add(stage.Name, prefix + "/conv", x, pad,
            (stage.WeightName + "/polyphase", PhaseWeight(model.Weights[stage.WeightName])),
            (stage.BiasName + "/polyphase", PhaseBias(model.Weights[stage.BiasName])),
            OnnxAttributes.Ints("kernel_shape", kernel, kernel),
            OnnxAttributes.Ints("strides", 2, 2));
        return graph.Node("DepthToSpace", prefix + "/interleave", [phases],
            [OnnxAttributes.Int("blocksize", 2), OnnxAttributes.String("mode", "CRD")]);
    }

    /// <summary>
    /// <c>[O, C, k, k]</c> to <c>[4O, C, k+1, k+1]</c>: channel <c>4o + 2a + b</c> is the kernel of output <c>o</c>
    /// shifted by (a, b), so at stride 2 it produces the output pixels (2i + a, 2j + b) (DepthToSpace CRD order).
    /// </summary>
    internal static FloatTensor PhaseWeight(FloatTensor weight)
    {
        int outputs = weight.Shape[0], inputs = weight.Shape[1], k = weight.Shape[2], k1 = k + 1;
        var data = new float[4 * outputs * inputs * k1 * k1];
        for (int o = 0; o < outputs; o++)
        {
            for (int phase = 0; phase < 4; phase++)
            {
                int a = phase / 2, b = phase % 2;
                for (int c = 0; c < inputs; c++)
                {
                    for (int y = 0; y < k; y++)
                    {
                        weight.Data.AsSpan((((o * inputs) + c) * k + y) * k, k)
                            .CopyTo(data.AsSpan(((((4 * o + phase) * inputs) + c) * k1 + y + a) * k1 + b));
                    }
                }
            }
        }

        return new FloatTensor([4 * outputs, inputs, k1, k1], data);
    }

    /// <summary>Each output's bias, repeated for its four phases.</summary>
    internal static FloatTensor PhaseBias(FloatTensor bias) =>
        new([4 * bias.Data.Length], bias.Data.SelectMany(b => Enumerable.Repeat(b, 4)).ToArray());
}

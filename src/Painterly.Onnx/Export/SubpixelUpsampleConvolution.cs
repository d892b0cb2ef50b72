using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// Nearest x2 upsampling, reflection pad 1 and a 3x3 convolution, computed at the low resolution: each of the
/// four output pixel phases is a 2x2 convolution of the edge-padded input, and DepthToSpace interleaves them.
/// Exact (up to float rounding): upsampled pixels repeat in pairs, so the 3x3 kernel touches only two distinct
/// input rows and columns per phase, and reflecting the upsampled border equals repeating the input's edge.
/// 4 instead of 9 multiply-adds per output pixel, and no full-resolution Resize or Pad.
/// </summary>
internal static class SubpixelUpsampleConvolution
{
    // For output phase a (row 2i + a), which 3x3 kernel rows fall on input row i - 1 + a + u, u = 0, 1.
    private static readonly int[][][] Taps = [[[0], [1, 2]], [[0, 1], [2]]];

    /// <summary>Adds the stage reading the low-resolution <paramref name="x"/>; returns the full-resolution output.</summary>
    public static string Add(OnnxGraphBuilder graph, OnnxConvolutions convs, StyleModel model, StyleNetStage stage, string prefix, string x)
    {
        if (stage.Upsample != StyleNetUpsample.Nearest || stage.Kernel != 3 || stage.Stride != 1)
        {
            throw new InvalidOperationException($"Stage '{stage.Name}' is not a nearest x2 upsample with a 3x3 convolution.");
        }

        var weight = model.Weights[stage.WeightName];
        var bias = (stage.BiasName, model.Weights[stage.BiasName]);
        // In int8 the whole stage stays in uint8 from one QuantizeLinear to one DequantizeLinear: padding and
        // interleaving commute with quantization (the four phases share the stage's ranges), and moving bytes
        // instead of floats makes the full-resolution DepthToSpace four times lighter.
        bool int8 = convs.IsQuantized(stage.Name);
        string input = int8 ? convs.QuantizeInput(stage.Name, prefix + "/input", x) : x;
        var phases = new List<string>(4);
        for (int a = 0; a < 2; a++)
        {
            for (int b = 0; b < 2; b++)
            {
                string phase = $"{prefix}/phase{a}{b}";
                string pads = graph.Initializer(OnnxTensors.Int64($"pads/phase{a}{b}", 0, 0, 1 - a, 1 - b, 0, 0, a, b));
                string Pad(string v) => graph.Node("Pad", phase + "/pad", [v, pads], [OnnxAttributes.String("mode", "edge")]);
                var kernel = ($"{stage.WeightName}/phase{a}{b}", PhaseWeight(weight, a, b));
                var kernelShape = OnnxAttributes.Ints("kernel_shape", 2, 2);
                phases.Add(int8
                    ? convs.AddQuantized(stage.Name, phase + "/conv", Pad(input), kernel, bias, kernelShape)
                    : convs.Add(stage.Name, phase + "/conv", input, Pad, kernel, bias, kernelShape));
            }
        }

        // Channels phase-major, (a, b, c): the DCR order of DepthToSpace.
        string stacked = graph.Node("Concat", prefix + "/phases", phases, [OnnxAttributes.Int("axis", 1)]);
        string interleaved = graph.Node("DepthToSpace", prefix + "/interleave", [stacked],
            [OnnxAttributes.Int("blocksize", 2), OnnxAttributes.String("mode", "DCR")]);
        return int8 ? convs.DequantizeOutput(stage.Name, prefix + "/output", interleaved) : interleaved;
    }

    /// <summary>The 2x2 kernel of output phase (<paramref name="a"/>, <paramref name="b"/>): sums of 3x3 taps.</summary>
    internal static FloatTensor PhaseWeight(FloatTensor weight, int a, int b)
    {
        int outputs = weight.Shape[0], inputs = weight.Shape[1];
        var data = new float[outputs * inputs * 4];
        for (int oc = 0; oc < outputs * inputs; oc++)
        {
            var kernel = weight.Data.AsSpan(oc * 9, 9);
            for (int u = 0; u < 2; u++)
            {
                for (int v = 0; v < 2; v++)
                {
                    float sum = 0;
                    foreach (int ky in Taps[a][u])
                    {
                        foreach (int kx in Taps[b][v])
                        {
                            sum += kernel[(ky * 3) + kx];
                        }
                    }

                    data[(oc * 4) + (u * 2) + v] = sum;
                }
            }
        }

        return new FloatTensor([outputs, inputs, 2, 2], data);
    }
}

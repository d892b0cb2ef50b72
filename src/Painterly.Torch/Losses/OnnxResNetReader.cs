using Painterly.Onnx;

namespace Painterly.Torch.Losses;

/// <summary>
/// Reads the convolutions of a CNTK-exported ResNet from its ONNX graph in node order, folding each following
/// BatchNormalization into the convolution. Names in these files are meaningless, so the structure is inferred
/// from shapes and strides, not names.
/// </summary>
internal static class OnnxResNetReader
{
    /// <summary>One convolution with its batch norm folded in.</summary>
    public sealed record FoldedConv(float[] Weight, float[] Bias, long[] Shape, long Stride, long[] Pads)
    {
        public PaddedConv ToModule() => new(Weight, Bias, Shape, Stride, Pads);
    }

    /// <summary>The stem conv, the max-pool padding (F.pad order) and the body convs in file order.</summary>
    public static (FoldedConv Stem, long[] PoolPads, List<FoldedConv> Body) Read(OnnxGraph graph, string source)
    {
        var consumers = graph.Nodes.SelectMany(n => n.Inputs.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node);
        var convs = new List<FoldedConv>();
        long[]? poolPads = null;
        foreach (var node in graph.Nodes)
        {
            if (node.OpType == "MaxPool")
            {
                poolPads = PadOrder(node.IntsAttribute("pads") ?? [0, 0, 0, 0]);
            }

            if (node.OpType != "Conv")
            {
                continue;
            }

            var bn = consumers[node.Outputs[0]].SingleOrDefault(n => n.OpType == "BatchNormalization")
                ?? throw Bad(source, $"convolution {node.Label} is not followed by a BatchNormalization.");
            convs.Add(Fold(graph, node, bn, source));
        }

        if (convs.Count < 1 + 6 || poolPads is null)
        {
            throw Bad(source, "it does not look like a ResNet-18 (too few convolutions or no max-pool).");
        }

        return (convs[0], poolPads, convs.Skip(1).ToList());
    }

    private static FoldedConv Fold(OnnxGraph graph, OnnxNode conv, OnnxNode bn, string source)
    {
        float[] Values(string name) => graph.Initializers.TryGetValue(name, out var t) && t.Floats is not null
            ? t.Floats
            : throw Bad(source, $"constant '{name}' is missing or not float.");

        var weightTensor = graph.Initializers.GetValueOrDefault(conv.Inputs[1]) ?? throw Bad(source, $"weight of {conv.Label} is not a constant.");
        long[] shape = [.. weightTensor.Shape];
        float[] weight = (float[])Values(conv.Inputs[1]).Clone();
        long outChannels = shape[0];
        long perOutput = weight.Length / outChannels;
        float[] convBias = conv.Inputs.Count > 2 && conv.Inputs[2].Length > 0 ? Values(conv.Inputs[2]) : new float[outChannels];
        float[] gamma = Values(bn.Inputs[1]), beta = Values(bn.Inputs[2]), mean = Values(bn.Inputs[3]), variance = Values(bn.Inputs[4]);
        double epsilon = bn.FloatAttribute("epsilon", 1e-5f);
        var bias = new float[outChannels];
        for (long o = 0; o < outChannels; o++)
        {
            // y = gamma * (conv(x) + b - mean) / sqrt(var + eps) + beta: scale the weights, shift the bias.
            double scale = gamma[o] / Math.Sqrt(variance[o] + epsilon);
            for (long i = 0; i < perOutput; i++)
            {
                weight[(o * perOutput) + i] = (float)(weight[(o * perOutput) + i] * scale);
            }

            bias[o] = (float)(((convBias[o] - mean[o]) * scale) + beta[o]);
        }

        long[] strides = conv.IntsAttribute("strides") ?? [1, 1];
        if (strides[0] != strides[^1] || (conv.IntsAttribute("dilations") ?? [1, 1]).Any(d => d != 1) || conv.IntAttribute("group", 1) != 1)
        {
            throw Bad(source, $"convolution {conv.Label} has unsupported strides, dilations or groups.");
        }

        return new FoldedConv(weight, bias, shape, strides[0], PadOrder(conv.IntsAttribute("pads") ?? [0, 0, 0, 0]));
    }

    /// <summary>ONNX pads [top, left, bottom, right] to F.pad's [left, right, top, bottom].</summary>
    private static long[] PadOrder(long[] pads) => [pads[1], pads[3], pads[0], pads[2]];

    private static InvalidDataException Bad(string source, string problem) => new($"Loss network '{source}': {problem}");
}

using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>Emits the StyleNet body by walking <see cref="StyleNetArchitecture.Stages"/>: float32 NCHW RGB in, clamped 0..255 out.</summary>
internal static class StyleNetOnnxGraph
{
    /// <summary>Adds the network reading <paramref name="input"/>; the final Clip writes <paramref name="output"/>.</summary>
    /// <param name="graph">The graph to add to.</param>
    /// <param name="weights">Where the weights come from.</param>
    /// <param name="model">The network.</param>
    /// <param name="options">Which equivalent, faster forms of the stages to emit.</param>
    /// <param name="input">Float32 NCHW RGB value.</param>
    /// <param name="output">Name of the clamped result.</param>
    public static string Add(OnnxGraphBuilder graph, OnnxWeightInitializers weights, StyleModel model, OnnxExportOptions options, string input, string output)
    {
        string x = input;
        string? residual = null;
        var convs = new OnnxConvolutions(graph, weights, options.Quantization);
        var stages = StyleNetArchitecture.Stages(model.Config);
        foreach (var stage in stages)
        {
            string prefix = NodeName(stage.Name);
            if (stage.SaveResidual)
            {
                residual = x;
            }

            if (stage.SpaceToDepth > 1)
            {
                x = graph.Node("SpaceToDepth", prefix + "/space_to_depth", [x], [OnnxAttributes.Int("blocksize", stage.SpaceToDepth)]);
            }

            x = stage.Upsample switch
            {
                StyleNetUpsample.Nearest when options.SubpixelUpsample => SubpixelUpsampleConvolution.Add(graph, convs, model, stage, prefix, x),
                StyleNetUpsample.Nearest => Convolution(graph, convs, model, stage, prefix, Upsample(graph, prefix, x), stride: 1),
                StyleNetUpsample.Transposed => TransposedConvolution(graph, weights, stage, prefix, x),
                _ when options.PolyphaseOutputConv && ReferenceEquals(stage, stages[^1]) && stage.DepthToSpace == 1 => PolyphaseConvolution.Add(graph, convs, model, stage, prefix, x, v => Pad(graph, stage, prefix, v)),
                _ => Convolution(graph, convs, model, stage, prefix, x, stage.Stride),
            };

            if (stage.DepthToSpace > 1)
            {
                // DCR (position-first): the convolution's outputs were reordered to match (BlockChannelOrder).
                x = graph.Node("DepthToSpace", prefix + "/depth_to_space", [x], [OnnxAttributes.Int("blocksize", stage.DepthToSpace), OnnxAttributes.String("mode", "DCR")]);
            }

            if (stage.Norm is not null)
            {
                x = graph.Node("InstanceNormalization", NodeName(stage.Norm), [x, weights.Float32(stage.Norm + ".weight"), weights.Float32(stage.Norm + ".bias")],
                    [OnnxAttributes.Float("epsilon", StyleNetArchitecture.InstanceNormEpsilon)]);
            }

            if (stage.AddResidual)
            {
                x = graph.Node("Add", BlockName(stage.Name) + "/add", [x, residual ?? throw new InvalidOperationException($"Stage '{stage.Name}' adds a residual nobody saved.")]);
            }

            if (stage.Relu)
            {
                x = graph.Node("Relu", prefix + "/relu", [x]);
            }
        }

        string min = graph.Initializer(OnnxTensors.FloatScalar("clip/min", 0f));
        string max = graph.Initializer(OnnxTensors.FloatScalar("clip/max", 255f));
        return graph.Node("Clip", "output/clip", [x, min, max], output: output);
    }

    /// <summary>Module paths read as node paths: <c>res1.conv1</c> becomes <c>res1/conv1</c>.</summary>
    private static string NodeName(string modulePath) => modulePath.Replace('.', '/');

    /// <summary>The residual block a stage belongs to (<c>res1.conv2</c> gives <c>res1</c>).</summary>
    private static string BlockName(string stageName)
    {
        int dot = stageName.LastIndexOf('.');
        return NodeName(dot < 0 ? stageName : stageName[..dot]);
    }

    private static string Upsample(OnnxGraphBuilder graph, string prefix, string x)
    {
        // PyTorch's nearest x2 is asymmetric + floor; roi is unused, hence the empty input.
        string scales = graph.Initializer(OnnxTensors.Float("upsample/scales", [4], [1f, 1f, 2f, 2f]));
        return graph.Node("Resize", prefix + "/upsample", [x, "", scales],
        [
            OnnxAttributes.String("mode", "nearest"),
            OnnxAttributes.String("coordinate_transformation_mode", "asymmetric"),
            OnnxAttributes.String("nearest_mode", "floor"),
        ]);
    }

    private static string Pad(OnnxGraphBuilder graph, StyleNetStage stage, string prefix, string x)
    {
        long p = stage.Kernel / 2;
        if (p == 0)
        {
            return x;
        }

        string pads = graph.Initializer(OnnxTensors.Int64($"pads/{p}", 0, 0, p, p, 0, 0, p, p));
        return graph.Node("Pad", prefix + "/pad", [x, pads], [OnnxAttributes.String("mode", "reflect")]);
    }

    private static string Convolution(OnnxGraphBuilder graph, OnnxConvolutions convs, StyleModel model, StyleNetStage stage, string prefix, string x, int stride) =>
        convs.Add(stage.Name, prefix + "/conv", x, v => Pad(graph, stage, prefix, v),
            BlockChannelOrder.ExportedWeight(stage, model), BlockChannelOrder.ExportedBias(stage, model),
            [OnnxAttributes.Ints("kernel_shape", stage.Kernel, stage.Kernel), OnnxAttributes.Ints("strides", stride, stride),
             .. stage.Groups > 1 ? [OnnxAttributes.Int("group", stage.Groups)] : Array.Empty<AttributeProto>()]);

    private static string TransposedConvolution(OnnxGraphBuilder graph, OnnxWeightInitializers weights, StyleNetStage stage, string prefix, string x)
    {
        // Stride 2 with output_padding 1 gives exactly twice the input size for an odd kernel.
        long p = stage.Kernel / 2;
        return graph.Node("ConvTranspose", prefix + "/convtranspose", [x, weights.Float32(stage.WeightName), weights.Float32(stage.BiasName)],
        [
            OnnxAttributes.Ints("kernel_shape", stage.Kernel, stage.Kernel),
            OnnxAttributes.Ints("strides", 2, 2),
            OnnxAttributes.Ints("pads", p, p, p, p),
            OnnxAttributes.Ints("output_padding", 1, 1),
        ]);
    }
}

using Painterly.Core.Models;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Writing;

/// <summary>
/// The Core ML layers of a StyleNet, built by walking <see cref="StyleNetArchitecture.Stages"/>: per stage an
/// optional space-to-depth or nearest x2 upsample, reflection padding, a valid (grouped) convolution (or a valid
/// deconvolution plus a crop), an optional depth-to-space, instance norm, the residual add and ReLU; then a clamp to 0-255.
/// </summary>
internal static class StyleNetLayers
{
    public static List<NeuralNetworkLayer> Build(StyleModel model, bool fp16, bool clipLayer, string input, string output)
    {
        var layers = new List<NeuralNetworkLayer>();
        string Append(NeuralNetworkLayer layer)
        {
            layers.Add(layer);
            return layer.Output[0];
        }

        string x = input;
        string? residual = null;
        foreach (var stage in StyleNetArchitecture.Stages(model.Config))
        {
            // Next to a reorganizeData the weights are stored in its position-first channel order (BlockChannelOrder).
            var weight = BlockChannelOrder.ExportedWeight(stage, model).Value;
            var bias = BlockChannelOrder.ExportedBias(stage, model).Value;
            if (stage.SaveResidual)
            {
                residual = x;
            }

            if (stage.SpaceToDepth > 1)
            {
                x = Append(LayerFactory.ReorganizeData($"{stage.Name}/space_to_depth", x, ReorganizeDataLayerParams.Types.ReorganizationType.SpaceToDepth, stage.SpaceToDepth));
            }

            if (stage.Upsample == StyleNetUpsample.Nearest)
            {
                x = Append(LayerFactory.Upsample($"{stage.Name}/upsample", x, 2));
            }

            if (stage.Upsample == StyleNetUpsample.Transposed)
            {
                x = Append(LayerFactory.Deconvolution($"{stage.Name}/deconv", x, weight, bias, 2, fp16));
                var (start, end) = TransposedCrop(stage.Kernel);
                x = Append(LayerFactory.Crop($"{stage.Name}/crop", x, start, end, start, end));
            }
            else
            {
                int pad = stage.Kernel / 2;
                if (pad > 0)
                {
                    x = Append(LayerFactory.ReflectionPad($"{stage.Name}/pad", x, pad));
                }

                x = Append(LayerFactory.Convolution($"{stage.Name}/conv", x, weight, bias, stage.Stride, fp16, stage.Groups));
            }

            if (stage.DepthToSpace > 1)
            {
                x = Append(LayerFactory.ReorganizeData($"{stage.Name}/depth_to_space", x, ReorganizeDataLayerParams.Types.ReorganizationType.DepthToSpace, stage.DepthToSpace));
            }

            if (stage.Norm is { } norm)
            {
                x = Append(LayerFactory.InstanceNorm(norm, x, model.Weights[norm + ".weight"], model.Weights[norm + ".bias"], StyleNetArchitecture.InstanceNormEpsilon, fp16));
            }

            if (stage.AddResidual)
            {
                var saved = residual ?? throw new InvalidOperationException($"Stage '{stage.Name}' adds a residual that no earlier stage saved.");
                x = Append(LayerFactory.Add($"{BlockOf(stage.Name)}/add", x, saved));
                residual = null;
            }

            if (stage.Relu)
            {
                x = Append(LayerFactory.Relu($"{stage.Name}/relu", x));
            }
        }

        AppendClamp(layers, x, clipLayer);
        layers[^1].Output[0] = output;
        return layers;
    }

    /// <summary>
    /// PyTorch's ConvTranspose2d(k, stride 2, padding k/2, output_padding 1) gives 2H; a valid deconvolution gives
    /// (H-1)*2 + k = 2H + 2*(k/2) - 1 (k odd), whose first k/2 rows are PyTorch's padding and whose last k/2 - 1
    /// rows PyTorch never computes (output_padding 1 gives back one of the k/2 padded rows at the end).
    /// For k = 3: crop 1 at top/left, 0 at bottom/right.
    /// </summary>
    internal static (int Start, int End) TransposedCrop(int kernel)
    {
        int padding = kernel / 2;
        int end = padding - 1;
        if (kernel % 2 == 0 || end < 0)
        {
            throw new NotSupportedException($"A transposed stage with kernel {kernel} cannot be expressed as deconvolution + crop; use an odd kernel of 3 or more.");
        }

        return (padding, end);
    }

    /// <summary>Clamp to 0-255: one Clip layer (iOS 13) or max(x, 0), then -max(-x, -255) = min(x, 255).</summary>
    private static void AppendClamp(List<NeuralNetworkLayer> layers, string x, bool clipLayer)
    {
        if (clipLayer)
        {
            layers.Add(LayerFactory.Clip("clamp", x, 0f, 255f));
            return;
        }

        layers.Add(LayerFactory.Threshold("clamp/min0", x, alpha: 0f, scale: 1f));
        layers.Add(LayerFactory.Threshold("clamp/max255_negated", "clamp/min0", alpha: -255f, scale: -1f));
        layers.Add(LayerFactory.Linear("clamp", "clamp/max255_negated", alpha: -1f, beta: 0f));
    }

    /// <summary>The residual block of a stage name: <c>res2.conv2</c> → <c>res2</c>.</summary>
    private static string BlockOf(string stageName)
    {
        int dot = stageName.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? stageName : stageName[..dot];
    }
}

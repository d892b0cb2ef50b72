using System.Globalization;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Reading;

/// <summary>Summarises a layer: its type and key parameters in a few words.</summary>
internal static class LayerDescriber
{
    private const string NoBorder = "0";

    public static CoreMLLayerSummary Describe(NeuralNetworkLayer layer)
    {
        var (type, parameters) = layer.LayerCase switch
        {
            NeuralNetworkLayer.LayerOneofCase.Convolution => Convolution(layer.Convolution),
            NeuralNetworkLayer.LayerOneofCase.Activation => ("activation", Activation(layer.Activation)),
            NeuralNetworkLayer.LayerOneofCase.Batchnorm => ("batchnorm", Batchnorm(layer.Batchnorm)),
            NeuralNetworkLayer.LayerOneofCase.Crop => ("crop", layer.Crop.Offset.Count > 0 ? $"offset [{Join(layer.Crop.Offset)}]" : Border(layer.Crop.CropAmounts)),
            NeuralNetworkLayer.LayerOneofCase.Padding => ("padding", Padding(layer.Padding)),
            NeuralNetworkLayer.LayerOneofCase.Upsample => ("upsample", Upsample(layer.Upsample)),
            NeuralNetworkLayer.LayerOneofCase.Unary => ("unary", Unary(layer.Unary)),
            NeuralNetworkLayer.LayerOneofCase.Add => ("add", layer.Input.Count == 1 ? $"x + {F(layer.Add.Alpha)}" : $"sum of {layer.Input.Count}"),
            NeuralNetworkLayer.LayerOneofCase.Multiply => ("multiply", layer.Input.Count == 1 ? $"x * {F(layer.Multiply.Alpha)}" : $"product of {layer.Input.Count}"),
            NeuralNetworkLayer.LayerOneofCase.Scale => ("scale", $"scale [{Join(layer.Scale.ShapeScale)}]" + (layer.Scale.HasBias ? $", bias [{Join(layer.Scale.ShapeBias)}]" : string.Empty)),
            NeuralNetworkLayer.LayerOneofCase.Bias => ("bias", $"[{Join(layer.Bias.Shape)}]"),
            NeuralNetworkLayer.LayerOneofCase.Clip => ("clip", $"{F(layer.Clip.MinVal)}..{F(layer.Clip.MaxVal)}"),
            NeuralNetworkLayer.LayerOneofCase.ReorganizeData => ("reorganizeData", $"{layer.ReorganizeData.Mode}, block {layer.ReorganizeData.BlockSize}"),
            _ => ("unsupported", UnknownLayerType.Describe(layer)),
        };

        long count = 0;
        var precisions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, weights) in LayerWeights.Of(layer))
        {
            count += WeightValues.CountOf(weights);
            var precision = WeightValues.PrecisionOf(weights);
            if (precision != WeightPrecision.Empty)
            {
                precisions.Add(precision.ToString().ToLowerInvariant());
            }
        }

        if (precisions.Count > 0)
        {
            parameters += $", {string.Join("+", precisions)}";
        }

        return new CoreMLLayerSummary(layer.Name, type, [.. layer.Input], [.. layer.Output], parameters, count);
    }

    private static (string Type, string Parameters) Convolution(ConvolutionLayerParams p)
    {
        string padding = p.ConvolutionPaddingTypeCase switch
        {
            ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Valid when Border(p.Valid.PaddingAmounts) is var amounts =>
                amounts == NoBorder ? "valid" : "valid " + amounts,
            ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Same => "same " + p.Same.AsymmetryMode,
            _ => "padding unset",
        };
        string text = $"{p.KernelChannels}→{p.OutputChannels}, kernel {Join(p.KernelSize, "x")}, stride {Join(p.Stride, "x")}, {padding}";
        if (p.NGroups > 1)
        {
            text += $", groups {p.NGroups}";
        }

        if (p.DilationFactor.Any(d => d > 1))
        {
            text += $", dilation {Join(p.DilationFactor, "x")}";
        }

        if (p.OutputShape.Count > 0)
        {
            text += $", output shape {Join(p.OutputShape, "x")}";
        }

        if (!p.HasBias)
        {
            text += ", no bias";
        }

        return (p.IsDeconvolution ? "deconvolution" : "convolution", text);
    }

    private static string Activation(ActivationParams a) => a.NonlinearityTypeCase switch
    {
        ActivationParams.NonlinearityTypeOneofCase.Linear => $"linear {F(a.Linear.Alpha)}*x + {F(a.Linear.Beta)}",
        ActivationParams.NonlinearityTypeOneofCase.ReLU => "ReLU",
        ActivationParams.NonlinearityTypeOneofCase.Tanh => "tanh",
        ActivationParams.NonlinearityTypeOneofCase.ScaledTanh => $"scaledTanh {F(a.ScaledTanh.Alpha)}*tanh({F(a.ScaledTanh.Beta)}*x)",
        ActivationParams.NonlinearityTypeOneofCase.Sigmoid => "sigmoid",
        _ => "an activation outside this reader's subset",
    };

    private static string Batchnorm(BatchnormLayerParams b)
    {
        string kind = b.InstanceNormalization ? "instance norm" : b.ComputeMeanVar ? "batch statistics" : "stored mean/variance";
        return $"{b.Channels} channels, {kind}, epsilon {F(b.Epsilon)}";
    }

    private static string Padding(PaddingLayerParams p)
    {
        string mode = p.PaddingTypeCase switch
        {
            PaddingLayerParams.PaddingTypeOneofCase.Constant => $"constant {F(p.Constant.Value)}",
            PaddingLayerParams.PaddingTypeOneofCase.Reflection => "reflection",
            PaddingLayerParams.PaddingTypeOneofCase.Replication => "replication",
            _ => "mode unset",
        };
        return $"{mode} {Border(p.PaddingAmounts)}";
    }

    private static string Upsample(UpsampleLayerParams u)
    {
        string factor = u.FractionalScalingFactor.Count > 0
            ? string.Join("x", u.FractionalScalingFactor.Select(F))
            : u.ScalingFactor.Count > 0 ? Join(u.ScalingFactor, "x") : "1x1";
        return $"x{factor} {u.Mode.ToString().ToUpperInvariant()}";
    }

    private static string Unary(UnaryFunctionLayerParams u)
    {
        string text = $"{u.Type.ToString().ToUpperInvariant()} alpha {F(u.Alpha)}";
        if (u.Scale != 0f && u.Scale != 1f)
        {
            text += $", scale {F(u.Scale)}";
        }

        if (u.Shift != 0f)
        {
            text += $", shift {F(u.Shift)}";
        }

        return text;
    }

    /// <summary>"top 1 bottom 0 left 1 right 0" from Core ML's [height, width] border amounts.</summary>
    private static string Border(BorderAmounts? border)
    {
        var amounts = border?.BorderAmounts_;
        if (amounts is null || amounts.All(e => e.StartEdgeSize == 0 && e.EndEdgeSize == 0))
        {
            return NoBorder;
        }

        if (amounts.Count != 2)
        {
            return $"{amounts.Count} border entries (expected 2)";
        }

        return $"top {amounts[0].StartEdgeSize} bottom {amounts[0].EndEdgeSize} left {amounts[1].StartEdgeSize} right {amounts[1].EndEdgeSize}";
    }

    private static string Join(IEnumerable<ulong> values, string separator = ", ") => string.Join(separator, values);

    private static string F(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

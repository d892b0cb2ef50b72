using Painterly.CoreML.Specification;
using Painterly.CoreML.Writing;

namespace Painterly.CoreML.Converting;

/// <summary>Core ML layers with the generality ONNX nodes need (groups, dilation, asymmetric pads, per-channel constants).</summary>
internal static class ConvertedLayers
{
    public static NeuralNetworkLayer Layer(string name, IEnumerable<string> inputs) => new() { Name = name, Input = { inputs } };

    public static ConvolutionLayerParams Convolution(
        float[] weight, int[] shape, float[]? bias, int groups, long[] strides, long[] dilations, long[] pads, bool deconvolution, bool fp16, string name)
    {
        // Conv weights [out, in/groups, kH, kW]; deconv [in, out/groups, kH, kW]: the ONNX layouts, as Core ML wants.
        var p = new ConvolutionLayerParams
        {
            OutputChannels = (ulong)(deconvolution ? shape[1] * groups : shape[0]),
            KernelChannels = (ulong)(deconvolution ? shape[0] : shape[1]),
            NGroups = (ulong)groups,
            KernelSize = { (ulong)shape[2], (ulong)shape[3] },
            Stride = { (ulong)strides[0], (ulong)strides[1] },
            DilationFactor = { (ulong)dilations[0], (ulong)dilations[1] },
            Valid = new ValidPadding { PaddingAmounts = Border(pads[0], pads[2], pads[1], pads[3]) },
            IsDeconvolution = deconvolution,
            HasBias = bias is not null,
            Weights = WeightEncoder.Encode(weight, fp16, name + " weights"),
        };
        if (bias is not null)
        {
            p.Bias = WeightEncoder.Encode(bias, fp16, name + " bias");
        }

        return p;
    }

    public static BorderAmounts Border(long top, long bottom, long left, long right) => new()
    {
        BorderAmounts_ =
        {
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)top, EndEdgeSize = (ulong)bottom },
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)left, EndEdgeSize = (ulong)right },
        },
    };

    public static ActivationParams Linear(float alpha, float beta) => new() { Linear = new ActivationLinear { Alpha = alpha, Beta = beta } };

    /// <summary>max(scale * x, alpha); scale is always written because 0 would read as "unset".</summary>
    public static UnaryFunctionLayerParams Threshold(float alpha, float scale) => new()
    {
        Type = UnaryFunctionLayerParams.Types.Operation.Threshold,
        Alpha = alpha,
        Scale = scale,
    };

    /// <summary>Per-channel scale and/or bias over a [C, H, W] blob.</summary>
    public static ScaleLayerParams Scale(float[] scale, float[]? bias, bool fp16, string name)
    {
        var p = new ScaleLayerParams
        {
            ShapeScale = { (ulong)scale.Length, 1UL, 1UL },
            Scale = WeightEncoder.Encode(scale, fp16, name + " scale"),
            HasBias = bias is not null,
        };
        if (bias is not null)
        {
            p.ShapeBias.AddRange([(ulong)bias.Length, 1UL, 1UL]);
            p.Bias = WeightEncoder.Encode(bias, fp16, name + " bias");
        }

        return p;
    }

    public static BiasLayerParams Bias(float[] bias, bool fp16, string name) => new()
    {
        Shape = { (ulong)bias.Length, 1UL, 1UL },
        Bias = WeightEncoder.Encode(bias, fp16, name + " bias"),
    };

    /// <summary>
    /// Clamp to [min, max] (either may be absent): a Clip layer when allowed (iOS 13), else max(x, min) as a
    /// threshold and min(x, max) as -max(-x, -max) (two more layers), which version 1 runs.
    /// </summary>
    public static string Clamp(ConversionState state, string name, string input, float? min, float? max)
    {
        if (state.ClipLayer && min is not null && max is not null)
        {
            var clip = Layer(name, [input]);
            clip.Clip = new ClipLayerParams { MinVal = min.Value, MaxVal = max.Value };
            return state.Add(clip);
        }

        string x = input;
        if (min is { } lower)
        {
            var threshold = Layer(max is null ? name : name + "/min", [x]);
            threshold.Unary = Threshold(lower, 1f);
            x = state.Add(threshold);
        }

        if (max is { } upper)
        {
            var negated = Layer(name + "/max_negated", [x]);
            negated.Unary = Threshold(-upper, -1f);
            var back = Layer(name, [state.Add(negated)]);
            back.Activation = Linear(-1f, 0f);
            x = state.Add(back);
        }

        return x;
    }
}

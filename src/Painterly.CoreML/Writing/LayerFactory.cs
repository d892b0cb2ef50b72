using Painterly.Core.Models;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Writing;

/// <summary>
/// Builds single Core ML layers. Each layer's output blob is named after the layer; the caller renames the last one
/// to the model output.
/// </summary>
internal static class LayerFactory
{
    public static NeuralNetworkLayer Upsample(string name, string input, int factor) =>
        Layer(name, input, l => l.Upsample = new UpsampleLayerParams
        {
            ScalingFactor = { (ulong)factor, (ulong)factor },
            Mode = UpsampleLayerParams.Types.InterpolationMode.Nn,
        });

    public static NeuralNetworkLayer ReflectionPad(string name, string input, int amount) =>
        Layer(name, input, l => l.Padding = new PaddingLayerParams
        {
            Reflection = new PaddingLayerParams.Types.PaddingReflection(),
            PaddingAmounts = Border(amount, amount, amount, amount),
        });

    /// <summary>A valid (unpadded) convolution; <paramref name="weight"/> is [out, in, kH, kW].</summary>
    public static NeuralNetworkLayer Convolution(string name, string input, FloatTensor weight, FloatTensor bias, int stride, bool fp16, int groups = 1) =>
        Layer(name, input, l =>
        {
            l.Convolution = ConvolutionParams(name, weight, bias, stride, fp16, deconvolution: false);
            l.Convolution.NGroups = (ulong)groups;
        });

    /// <summary>Space-to-depth or depth-to-space with the block position first (DCR), available since iOS 11.</summary>
    public static NeuralNetworkLayer ReorganizeData(string name, string input, ReorganizeDataLayerParams.Types.ReorganizationType mode, int block) =>
        Layer(name, input, l => l.ReorganizeData = new ReorganizeDataLayerParams { Mode = mode, BlockSize = (ulong)block });

    /// <summary>A valid transposed convolution; <paramref name="weight"/> is [in, out, kH, kW].</summary>
    public static NeuralNetworkLayer Deconvolution(string name, string input, FloatTensor weight, FloatTensor bias, int stride, bool fp16) =>
        Layer(name, input, l => l.Convolution = ConvolutionParams(name, weight, bias, stride, fp16, deconvolution: true));

    public static NeuralNetworkLayer Crop(string name, string input, int top, int bottom, int left, int right) =>
        Layer(name, input, l => l.Crop = new CropLayerParams { CropAmounts = Border(top, bottom, left, right) });

    /// <summary>InstanceNorm2d(affine): batchnorm computing mean and variance per channel of each image.</summary>
    public static NeuralNetworkLayer InstanceNorm(string name, string input, FloatTensor gamma, FloatTensor beta, float epsilon, bool fp16) =>
        Layer(name, input, l => l.Batchnorm = new BatchnormLayerParams
        {
            Channels = (ulong)gamma.Data.Length,
            ComputeMeanVar = true,
            InstanceNormalization = true,
            Epsilon = epsilon,
            Gamma = WeightEncoder.Encode(gamma.Data, fp16, name + ".weight"),
            Beta = WeightEncoder.Encode(beta.Data, fp16, name + ".bias"),
        });

    public static NeuralNetworkLayer Add(string name, string first, string second)
    {
        var layer = Layer(name, first, l => l.Add = new AddLayerParams());
        layer.Input.Add(second);
        return layer;
    }

    public static NeuralNetworkLayer Relu(string name, string input) =>
        Layer(name, input, l => l.Activation = new ActivationParams { ReLU = new ActivationReLU() });

    /// <summary>alpha * x + beta.</summary>
    public static NeuralNetworkLayer Linear(string name, string input, float alpha, float beta) =>
        Layer(name, input, l => l.Activation = new ActivationParams { Linear = new ActivationLinear { Alpha = alpha, Beta = beta } });

    /// <summary>max(scale * x, alpha); scale is always written because 0 would read as "unset".</summary>
    public static NeuralNetworkLayer Threshold(string name, string input, float alpha, float scale) =>
        Layer(name, input, l => l.Unary = new UnaryFunctionLayerParams
        {
            Type = UnaryFunctionLayerParams.Types.Operation.Threshold,
            Alpha = alpha,
            Scale = scale,
        });

    public static NeuralNetworkLayer Clip(string name, string input, float min, float max) =>
        Layer(name, input, l => l.Clip = new ClipLayerParams { MinVal = min, MaxVal = max });

    private static ConvolutionLayerParams ConvolutionParams(string name, FloatTensor weight, FloatTensor bias, int stride, bool fp16, bool deconvolution)
    {
        // Conv weights are [out, in / groups, k, k]; deconv weights [in, out, k, k]: both exactly PyTorch's layout.
        int[] shape = weight.Shape;
        ulong inChannels = (ulong)(deconvolution ? shape[0] : shape[1]);
        ulong outChannels = (ulong)(deconvolution ? shape[1] : shape[0]);
        return new ConvolutionLayerParams
        {
            OutputChannels = outChannels,
            KernelChannels = inChannels,
            NGroups = 1,
            KernelSize = { (ulong)shape[2], (ulong)shape[3] },
            Stride = { (ulong)stride, (ulong)stride },
            DilationFactor = { 1UL, 1UL },
            Valid = new ValidPadding { PaddingAmounts = Border(0, 0, 0, 0) },
            IsDeconvolution = deconvolution,
            HasBias = true,
            Weights = WeightEncoder.Encode(weight.Data, fp16, name + " weights"),
            Bias = WeightEncoder.Encode(bias.Data, fp16, name + " bias"),
        };
    }

    /// <summary>Border amounts in Core ML's order: height (top, bottom), then width (left, right).</summary>
    private static BorderAmounts Border(int top, int bottom, int left, int right) => new()
    {
        BorderAmounts_ =
        {
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)top, EndEdgeSize = (ulong)bottom },
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)left, EndEdgeSize = (ulong)right },
        },
    };

    private static NeuralNetworkLayer Layer(string name, string input, Action<NeuralNetworkLayer> setParams)
    {
        var layer = new NeuralNetworkLayer { Name = name, Input = { input }, Output = { name } };
        setParams(layer);
        return layer;
    }
}

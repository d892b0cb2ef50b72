using Painterly.CoreML.Specification;
using Painterly.Onnx;

namespace Painterly.CoreML.Converting;

/// <summary>
/// Maps one ONNX node that works on the image (a runtime tensor) to Core ML layers, tracking the output's shape.
/// </summary>
internal static class OnnxLayerMapper
{
    /// <summary>The operators mapped, for error messages.</summary>
    public const string Supported =
        "Conv, ConvTranspose, Pad (reflect, edge, constant), InstanceNormalization, BatchNormalization, Relu, Tanh, Sigmoid, " +
        "Add, Mul, Sub, Div (with constants, or Add/Mul/Sub of two tensors), Upsample/Resize (nearest, integer scales), Clip, Identity";

    public static void Map(OnnxNode node, ConversionState state, long opset)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            throw Unsupported(node);
        }

        switch (node.OpType)
        {
            case "Identity":
                state.Runtime[node.Outputs[0]] = state.Tensor(node, 0);
                return;
            case "Conv":
                Conv(node, state);
                return;
            case "ConvTranspose":
                ConvTranspose(node, state);
                return;
            case "Pad":
                Pad(node, state, opset);
                return;
            case "InstanceNormalization" or "BatchNormalization":
                Normalization(node, state);
                return;
            case "Relu":
                Activation(node, state, new ActivationParams { ReLU = new ActivationReLU() });
                return;
            case "Tanh":
                Activation(node, state, new ActivationParams { Tanh = new ActivationTanh() });
                return;
            case "Sigmoid":
                Activation(node, state, new ActivationParams { Sigmoid = new ActivationSigmoid() });
                return;
            case "Add" or "Sub" or "Mul" or "Div":
                OnnxArithmeticMapper.Map(node, state);
                return;
            case "Upsample" or "Resize":
                Upsample(node, state, opset);
                return;
            case "Clip":
                Clip(node, state, opset);
                return;
            default:
                throw Unsupported(node);
        }
    }

    public static InvalidDataException Unsupported(OnnxNode node, string? detail = null) => new(
        $"ONNX node '{node.Label}' uses {(node.Domain.Length > 0 ? node.Domain + "." : "")}{node.OpType}{(detail is null ? "" : $" ({detail})")}, " +
        $"which the Core ML converter does not support; supported: {Supported}.");

    /// <summary>Records <paramref name="layer"/>'s output as the node's output, with the given shape.</summary>
    public static void Emit(OnnxNode node, ConversionState state, NeuralNetworkLayer layer, int channels, int height, int width)
    {
        if (channels <= 0 || height <= 0 || width <= 0)
        {
            throw new InvalidDataException($"ONNX node '{node.Label}' ({node.OpType}) would produce an empty [{channels}, {height}, {width}] tensor at the converted size; give a larger --size.");
        }

        state.Runtime[node.Outputs[0]] = new RuntimeTensor(state.Add(layer), channels, height, width);
    }

    private static void Conv(OnnxNode node, ConversionState state)
    {
        var x = state.Tensor(node, 0);
        var weight = state.Constant(node, 1);
        var bias = state.OptionalConstant(node, 2);
        if (weight.Rank != 4)
        {
            throw Unsupported(node, $"a {weight.Rank}-D weight; only 2-D convolutions map");
        }

        int[] shape = [.. weight.Shape.Select(d => (int)d)];
        int groups = (int)node.IntAttribute("group", 1);
        long[] strides = node.IntsAttribute("strides") ?? [1, 1];
        long[] dilations = node.IntsAttribute("dilations") ?? [1, 1];
        long[] pads = Pads(node, x, shape, strides, dilations);
        if (shape[1] * groups != x.Channels)
        {
            throw new InvalidDataException($"ONNX node '{node.Label}' (Conv): weight [{string.Join(", ", shape)}] with {groups} groups does not take {x.Channels} channels.");
        }

        var layer = ConvertedLayers.Layer(Name(node), [x.Blob]);
        layer.Convolution = ConvertedLayers.Convolution(weight.Weights(node, "weight"), shape, bias?.Weights(node, "bias"), groups, strides, dilations, pads, false, state.Fp16, layer.Name);
        int height = (int)(((x.Height + pads[0] + pads[2] - (dilations[0] * (shape[2] - 1)) - 1) / strides[0]) + 1);
        int width = (int)(((x.Width + pads[1] + pads[3] - (dilations[1] * (shape[3] - 1)) - 1) / strides[1]) + 1);
        Emit(node, state, layer, shape[0], height, width);
    }

    private static long[] Pads(OnnxNode node, RuntimeTensor x, int[] kernel, long[] strides, long[] dilations)
    {
        string autoPad = node.StringAttribute("auto_pad", "NOTSET");
        if (autoPad is "NOTSET" or "VALID")
        {
            return autoPad == "VALID" ? [0, 0, 0, 0] : node.IntsAttribute("pads") ?? [0, 0, 0, 0];
        }

        // SAME_*: the total padding that keeps ceil(size / stride), the odd pixel at the end (UPPER) or start (LOWER).
        var pads = new long[4];
        int[] sizes = [x.Height, x.Width];
        for (int d = 0; d < 2; d++)
        {
            long output = (sizes[d] + strides[d] - 1) / strides[d];
            long total = Math.Max(0, ((output - 1) * strides[d]) + (dilations[d] * (kernel[d + 2] - 1)) + 1 - sizes[d]);
            long small = total / 2, large = total - small;
            (pads[d], pads[d + 2]) = autoPad == "SAME_LOWER" ? (large, small) : (small, large);
        }

        return pads;
    }

    private static void ConvTranspose(OnnxNode node, ConversionState state)
    {
        var x = state.Tensor(node, 0);
        var weight = state.Constant(node, 1);
        var bias = state.OptionalConstant(node, 2);
        int groups = (int)node.IntAttribute("group", 1);
        long[] dilations = node.IntsAttribute("dilations") ?? [1, 1];
        if (weight.Rank != 4 || groups != 1 || dilations.Any(d => d != 1) || node.IntsAttribute("output_shape") is not null || node.StringAttribute("auto_pad", "NOTSET") != "NOTSET")
        {
            throw Unsupported(node, "only 2-D, ungrouped, undilated, with explicit pads");
        }

        int[] shape = [.. weight.Shape.Select(d => (int)d)];
        long[] strides = node.IntsAttribute("strides") ?? [1, 1];
        long[] pads = node.IntsAttribute("pads") ?? [0, 0, 0, 0];
        long[] outputPadding = node.IntsAttribute("output_padding") ?? [0, 0];

        // A valid deconvolution gives (H-1)*s + k; ONNX removes the pads and adds output_padding at the end: a crop.
        long cropBottom = pads[2] - outputPadding[0], cropRight = pads[3] - outputPadding[1];
        if (cropBottom < 0 || cropRight < 0)
        {
            throw Unsupported(node, "output_padding larger than the end padding");
        }

        var deconv = ConvertedLayers.Layer(Name(node) + "/deconv", [x.Blob]);
        deconv.Convolution = ConvertedLayers.Convolution(weight.Weights(node, "weight"), shape, bias?.Weights(node, "bias"), 1, strides, [1, 1], [0, 0, 0, 0], true, state.Fp16, deconv.Name);
        int height = (int)(((x.Height - 1) * strides[0]) + shape[2]), width = (int)(((x.Width - 1) * strides[1]) + shape[3]);
        if (pads.All(p => p == 0) && outputPadding.All(p => p == 0))
        {
            Emit(node, state, deconv, shape[1], height, width);
            return;
        }

        string blob = state.Add(deconv);
        var crop = ConvertedLayers.Layer(Name(node), [blob]);
        crop.Crop = new CropLayerParams { CropAmounts = ConvertedLayers.Border(pads[0], cropBottom, pads[1], cropRight) };
        Emit(node, state, crop, shape[1], (int)(height - pads[0] - cropBottom), (int)(width - pads[1] - cropRight));
    }

    private static void Pad(OnnxNode node, ConversionState state, long opset)
    {
        var x = state.Tensor(node, 0);
        long[] pads = opset < 11 ? node.IntsAttribute("pads") ?? node.IntsAttribute("paddings") ?? throw Unsupported(node, "no pads") : state.Constant(node, 1).Longs();
        float value = opset < 11 ? node.FloatAttribute("value", 0f) : (float)(state.OptionalConstant(node, 2)?.Values.FirstOrDefault() ?? 0);
        if (opset >= 18 && state.OptionalConstant(node, 3) is not null)
        {
            throw Unsupported(node, "axes input");
        }

        if (pads.Length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || pads.Any(p => p < 0))
        {
            throw Unsupported(node, $"pads [{string.Join(", ", pads)}]; only non-negative padding of height and width maps");
        }

        var p = new PaddingLayerParams { PaddingAmounts = ConvertedLayers.Border(pads[2], pads[6], pads[3], pads[7]) };
        switch (node.StringAttribute("mode", "constant"))
        {
            case "constant":
                p.Constant = new PaddingLayerParams.Types.PaddingConstant { Value = value };
                break;
            case "reflect":
                p.Reflection = new PaddingLayerParams.Types.PaddingReflection();
                break;
            case "edge":
                p.Replication = new PaddingLayerParams.Types.PaddingReplication();
                break;
            case var mode:
                throw Unsupported(node, $"mode '{mode}'");
        }

        var layer = ConvertedLayers.Layer(Name(node), [x.Blob]);
        layer.Padding = p;
        Emit(node, state, layer, x.Channels, (int)(x.Height + pads[2] + pads[6]), (int)(x.Width + pads[3] + pads[7]));
    }

    private static void Normalization(OnnxNode node, ConversionState state)
    {
        var x = state.Tensor(node, 0);
        bool instance = node.OpType == "InstanceNormalization";
        var layer = ConvertedLayers.Layer(Name(node), [x.Blob]);
        var p = new BatchnormLayerParams
        {
            Channels = (ulong)x.Channels,
            ComputeMeanVar = instance,
            InstanceNormalization = instance,
            Epsilon = node.FloatAttribute("epsilon", 1e-5f),
            Gamma = Channelwise(node, state, 1, x.Channels, "scale", layer.Name),
            Beta = Channelwise(node, state, 2, x.Channels, "bias", layer.Name),
        };
        if (!instance)
        {
            if (node.Outputs.Count > 1 && node.Outputs.Skip(1).Any(o => o.Length > 0) && node.IntAttribute("training_mode", 0) != 0)
            {
                throw Unsupported(node, "training mode");
            }

            p.Mean = Channelwise(node, state, 3, x.Channels, "mean", layer.Name);
            p.Variance = Channelwise(node, state, 4, x.Channels, "variance", layer.Name);
        }

        layer.Batchnorm = p;
        Emit(node, state, layer, x.Channels, x.Height, x.Width);
    }

    private static WeightParams Channelwise(OnnxNode node, ConversionState state, int input, int channels, string what, string name)
    {
        var values = state.Constant(node, input);
        return values.Values.Length == channels
            ? Writing.WeightEncoder.Encode(values.Weights(node, what), state.Fp16, $"{name} {what}")
            : throw new InvalidDataException($"ONNX node '{node.Label}' ({node.OpType}): {what} has {values.Values.Length} values for {channels} channels.");
    }

    private static void Activation(OnnxNode node, ConversionState state, ActivationParams activation)
    {
        var x = state.Tensor(node, 0);
        var layer = ConvertedLayers.Layer(Name(node), [x.Blob]);
        layer.Activation = activation;
        Emit(node, state, layer, x.Channels, x.Height, x.Width);
    }

    private static void Upsample(OnnxNode node, ConversionState state, long opset)
    {
        var x = state.Tensor(node, 0);
        string mode = node.StringAttribute("mode", "nearest");
        if (mode != "nearest")
        {
            throw Unsupported(node, $"mode '{mode}'");
        }

        double scaleH, scaleW;
        var scales = node.OpType == "Upsample"
            ? (opset < 9 ? node.Attributes.GetValueOrDefault("scales") is float[] s ? [.. s.Select(v => (double)v)] : null : state.Constant(node, 1).Values)
            : state.OptionalConstant(node, opset < 11 ? 1 : 2)?.Values is { Length: > 0 } given ? given : null;
        if (scales is { Length: 4 })
        {
            (scaleH, scaleW) = (scales[2], scales[3]);
            if (scales[0] != 1 || scales[1] != 1)
            {
                throw Unsupported(node, "scaling of batch or channels");
            }
        }
        else if (node.OpType == "Resize" && state.OptionalConstant(node, 3)?.Longs() is { Length: 4 } sizes)
        {
            if (sizes[0] != 1 || sizes[1] != x.Channels)
            {
                throw Unsupported(node, "resizing batch or channels");
            }

            (scaleH, scaleW) = ((double)sizes[2] / x.Height, (double)sizes[3] / x.Width);
        }
        else
        {
            throw Unsupported(node, "no constant 4-D scales or sizes");
        }

        if (scaleH < 1 || scaleW < 1 || scaleH != Math.Floor(scaleH) || scaleW != Math.Floor(scaleW))
        {
            throw Unsupported(node, $"scales {scaleH} x {scaleW}; only integer upscaling maps");
        }

        var layer = ConvertedLayers.Layer(Name(node), [x.Blob]);
        layer.Upsample = new UpsampleLayerParams
        {
            ScalingFactor = { (ulong)scaleH, (ulong)scaleW },
            Mode = UpsampleLayerParams.Types.InterpolationMode.Nn,
        };
        Emit(node, state, layer, x.Channels, (int)(x.Height * scaleH), (int)(x.Width * scaleW));
    }

    private static void Clip(OnnxNode node, ConversionState state, long opset)
    {
        var x = state.Tensor(node, 0);
        float? min, max;
        if (opset < 11)
        {
            min = node.Attributes.ContainsKey("min") ? node.FloatAttribute("min", 0) : null;
            max = node.Attributes.ContainsKey("max") ? node.FloatAttribute("max", 0) : null;
        }
        else
        {
            min = state.OptionalConstant(node, 1) is { } lo ? (float)lo.Values[0] : null;
            max = state.OptionalConstant(node, 2) is { } hi ? (float)hi.Values[0] : null;
        }

        if (min is null && max is null)
        {
            state.Runtime[node.Outputs[0]] = x;
            return;
        }

        string blob = ConvertedLayers.Clamp(state, Name(node), x.Blob, min, max);
        state.Runtime[node.Outputs[0]] = x with { Blob = blob };
    }

    public static string Name(OnnxNode node) => node.Name.Length > 0 ? node.Name : $"{node.OpType}_{(node.Outputs.Count > 0 ? node.Outputs[0] : "")}";
}

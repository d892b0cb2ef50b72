using Painterly.CoreML.Interpreting;
using Painterly.CoreML.Reading;
using Painterly.CoreML.Specification;
using static Painterly.CoreML.Interpreting.LayerParams;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Translates the layers of a Core ML NeuralNetwork (as <see cref="CoreMLExporter"/> and
/// <see cref="OnnxToCoreMLConverter"/> build them) into MIL operations, one layer to one op or a few: the graph
/// mapping is written once, for the NeuralNetwork, and the ML Program follows it. Shapes are tracked so every op
/// declares its output type.
/// </summary>
internal sealed class NeuralNetworkToMil(MilBlockBuilder block)
{
    private readonly Dictionary<string, MilTensor> tensors = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="tensor"/> the value of NeuralNetwork blob <paramref name="blob"/>.</summary>
    public void Bind(string blob, MilTensor tensor) => tensors[blob] = tensor;

    /// <summary>The tensor of NeuralNetwork blob <paramref name="blob"/>.</summary>
    public MilTensor this[string blob] => tensors.TryGetValue(blob, out var t)
        ? t
        : throw new InvalidDataException($"NeuralNetwork blob '{blob}' is read before any layer makes it.");

    /// <summary>Appends the ops of <paramref name="layer"/>.</summary>
    /// <exception cref="NotSupportedException">A layer type or setting the ML Program export does not map.</exception>
    public void Add(NeuralNetworkLayer layer)
    {
        string name = layer.Name;
        var inputs = layer.Input.Select(b => this[b]).ToList();
        var x = inputs[0];
        MilTensor y = layer.LayerCase switch
        {
            NeuralNetworkLayer.LayerOneofCase.Convolution => layer.Convolution.IsDeconvolution
                ? Deconvolution(name, layer.Convolution, x)
                : Convolution(name, layer.Convolution, x),
            NeuralNetworkLayer.LayerOneofCase.Activation => Activation(name, layer.Activation, x),
            NeuralNetworkLayer.LayerOneofCase.Batchnorm => Normalization(name, layer.Batchnorm, x),
            NeuralNetworkLayer.LayerOneofCase.Padding => Padding(name, layer.Padding, x),
            NeuralNetworkLayer.LayerOneofCase.Crop when inputs.Count == 1 => Crop(name, layer.Crop, x),
            NeuralNetworkLayer.LayerOneofCase.Upsample => Upsample(name, layer.Upsample, x),
            NeuralNetworkLayer.LayerOneofCase.ReorganizeData => Reorganize(name, layer.ReorganizeData, x),
            NeuralNetworkLayer.LayerOneofCase.Unary => Unary(name, layer.Unary, x),
            NeuralNetworkLayer.LayerOneofCase.Add => Elementwise("add", name, inputs, layer.Add.Alpha),
            NeuralNetworkLayer.LayerOneofCase.Multiply => Elementwise("mul", name, inputs, layer.Multiply.Alpha),
            NeuralNetworkLayer.LayerOneofCase.Scale => Scale(name, layer.Scale, x),
            NeuralNetworkLayer.LayerOneofCase.Bias => Bias(name, layer.Bias, x),
            NeuralNetworkLayer.LayerOneofCase.Clip => Apply("clip", name, x, ("alpha", block.Scalar(name + "_min", layer.Clip.MinVal)), ("beta", block.Scalar(name + "_max", layer.Clip.MaxVal))),
            _ => throw new NotSupportedException($"Layer '{name}' ({layer.LayerCase}) has no ML Program mapping; export the NeuralNetwork form (--format coreml) instead."),
        };
        tensors[layer.Output[0]] = y;
    }

    private MilTensor Convolution(string name, ConvolutionLayerParams p, MilTensor x)
    {
        var g = ConvGeometry.Read(p, name);
        var parameters = new List<(string, string)>
        {
            ("x", x.Name),
            ("weight", block.Weights(name + "_weight", Expect(WeightValues.Read(p.Weights, name, "weights"), (long)g.OutChannels * g.KernelChannels * g.KernelH * g.KernelW, name, "weights"), g.OutChannels, g.KernelChannels, g.KernelH, g.KernelW)),
        };
        var border = (0, 0, 0, 0);
        if (p.ConvolutionPaddingTypeCase == ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Valid)
        {
            border = Border(p.Valid.PaddingAmounts, name, "paddingAmounts");
        }
        else if (p.ConvolutionPaddingTypeCase == ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Same)
        {
            throw new NotSupportedException($"Layer '{name}': SAME padding has no ML Program mapping here; export --format coreml instead.");
        }

        AddBiasAndWindow(parameters, name, p, g, border);
        var (top, bottom, left, right) = border;
        long? h = x.Height is { } ih ? ((ih + top + bottom - (((g.KernelH - 1) * g.DilationH) + 1)) / g.StrideH) + 1 : null;
        long? w = x.Width is { } iw ? ((iw + left + right - (((g.KernelW - 1) * g.DilationW) + 1)) / g.StrideW) + 1 : null;
        return block.Op("conv", name, parameters, new MilTensor("", g.OutChannels, h, w));
    }

    private MilTensor Deconvolution(string name, ConvolutionLayerParams p, MilTensor x)
    {
        var g = ConvGeometry.Read(p, name);
        if (p.OutputShape.Count > 0 || p.ConvolutionPaddingTypeCase != ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Valid)
        {
            throw new NotSupportedException($"Layer '{name}': a deconvolution with an output shape or SAME padding has no ML Program mapping here; export --format coreml instead.");
        }

        var border = Border(p.Valid.PaddingAmounts, name, "paddingAmounts");
        // A deconvolution's kernel channels are its input channels; its weight is [in, out / groups, kh, kw].
        int perGroup = g.OutChannels / g.Groups;
        var parameters = new List<(string, string)>
        {
            ("x", x.Name),
            ("weight", block.Weights(name + "_weight", Expect(WeightValues.Read(p.Weights, name, "weights"), (long)g.KernelChannels * perGroup * g.KernelH * g.KernelW, name, "weights"), g.KernelChannels, perGroup, g.KernelH, g.KernelW)),
        };
        AddBiasAndWindow(parameters, name, p, g, border);
        var (top, bottom, left, right) = border;
        long? h = x.Height is { } ih ? ((ih - 1) * g.StrideH) + ((g.KernelH - 1) * g.DilationH) + 1 - top - bottom : null;
        long? w = x.Width is { } iw ? ((iw - 1) * g.StrideW) + ((g.KernelW - 1) * g.DilationW) + 1 - left - right : null;
        return block.Op("conv_transpose", name, parameters, new MilTensor("", g.OutChannels, h, w));
    }

    /// <summary>The bias, if any, then the window constants that conv and conv_transpose take alike.</summary>
    private void AddBiasAndWindow(List<(string, string)> parameters, string name, ConvolutionLayerParams p, ConvGeometry g, (int Top, int Bottom, int Left, int Right) border)
    {
        if (p.HasBias)
        {
            parameters.Add(("bias", block.Weights(name + "_bias", Expect(WeightValues.Read(p.Bias, name, "bias"), g.OutChannels, name, "bias"), g.OutChannels)));
        }

        parameters.Add(("strides", block.Const(name + "_strides", MilValues.Ints(g.StrideH, g.StrideW))));
        parameters.Add(("pad_type", block.Const(name + "_pad_type", MilValues.String("custom"))));
        parameters.Add(("pad", block.Const(name + "_pad", MilValues.Ints(border.Top, border.Bottom, border.Left, border.Right))));
        parameters.Add(("dilations", block.Const(name + "_dilations", MilValues.Ints(g.DilationH, g.DilationW))));
        parameters.Add(("groups", block.Const(name + "_groups", MilValues.Int(g.Groups))));
    }

    /// <summary>A convolution layer's kernel, stride, dilation, groups and channel counts, checked as read.</summary>
    private readonly record struct ConvGeometry(int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW, int Groups, int OutChannels, int KernelChannels)
    {
        public static ConvGeometry Read(ConvolutionLayerParams p, string name)
        {
            var (kh, kw) = Pair(p.KernelSize, 3, name, "kernelSize");
            var (sh, sw) = Pair(p.Stride, 1, name, "stride");
            var (dh, dw) = Pair(p.DilationFactor, 1, name, "dilationFactor");
            return new(kh, kw, sh, sw, dh, dw, Math.Max(1, Int(p.NGroups, name, "nGroups")), Int(p.OutputChannels, name, "outputChannels"), Int(p.KernelChannels, name, "kernelChannels"));
        }
    }

    private MilTensor Activation(string name, ActivationParams p, MilTensor x) => p.NonlinearityTypeCase switch
    {
        ActivationParams.NonlinearityTypeOneofCase.ReLU => Unary("relu", name, x),
        ActivationParams.NonlinearityTypeOneofCase.Tanh => Unary("tanh", name, x),
        ActivationParams.NonlinearityTypeOneofCase.Sigmoid => Unary("sigmoid", name, x),
        ActivationParams.NonlinearityTypeOneofCase.Linear => Apply("linear_activation", name, x, ("alpha", block.Scalar(name + "_alpha", p.Linear.Alpha)), ("beta", block.Scalar(name + "_beta", p.Linear.Beta))),
        _ => throw new NotSupportedException($"Layer '{name}': activation {p.NonlinearityTypeCase} has no ML Program mapping here; export --format coreml instead."),
    };

    private MilTensor Normalization(string name, BatchnormLayerParams p, MilTensor x)
    {
        int c = Int(p.Channels, name, "channels");
        string gamma = block.Weights(name + "_gamma", Expect(WeightValues.Read(p.Gamma, name, "gamma"), c, name, "gamma"), c);
        string beta = block.Weights(name + "_beta", Expect(WeightValues.Read(p.Beta, name, "beta"), c, name, "beta"), c);
        string epsilon = block.Scalar(name + "_epsilon", p.Epsilon);
        if (p.InstanceNormalization || p.ComputeMeanVar)
        {
            // With batch 1, batch statistics computed at run time are instance statistics.
            return block.Op("instance_norm", name, [("x", x.Name), ("gamma", gamma), ("beta", beta), ("epsilon", epsilon)], x with { Name = "" });
        }

        string mean = block.Weights(name + "_mean", Expect(WeightValues.Read(p.Mean, name, "mean"), c, name, "mean"), c);
        string variance = block.Weights(name + "_variance", Expect(WeightValues.Read(p.Variance, name, "variance"), c, name, "variance"), c);
        return block.Op("batch_norm", name, [("x", x.Name), ("mean", mean), ("variance", variance), ("gamma", gamma), ("beta", beta), ("epsilon", epsilon)], x with { Name = "" });
    }

    private MilTensor Padding(string name, PaddingLayerParams p, MilTensor x)
    {
        var (top, bottom, left, right) = Border(p.PaddingAmounts, name, "paddingAmounts");
        string mode = p.PaddingTypeCase switch
        {
            PaddingLayerParams.PaddingTypeOneofCase.Reflection => "reflect",
            PaddingLayerParams.PaddingTypeOneofCase.Replication => "replicate",
            _ => "constant",
        };
        var parameters = new List<(string, string)>
        {
            ("x", x.Name),
            ("pad", block.Const(name + "_pad", MilValues.Ints(top, bottom, left, right))),
            ("mode", block.Const(name + "_mode", MilValues.String(mode))),
        };
        if (mode == "constant")
        {
            parameters.Add(("constant_val", block.Scalar(name + "_value", p.Constant?.Value ?? 0f)));
        }

        return block.Op("pad", name, parameters, new MilTensor("", x.Channels, x.Height + top + bottom, x.Width + left + right));
    }

    private MilTensor Crop(string name, CropLayerParams p, MilTensor x)
    {
        var (top, bottom, left, right) = Border(p.CropAmounts, name, "cropAmounts");
        return block.Op(
            "crop",
            name,
            [("x", x.Name), ("crop_height", block.Const(name + "_height", MilValues.Ints(top, bottom))), ("crop_width", block.Const(name + "_width", MilValues.Ints(left, right)))],
            new MilTensor("", x.Channels, x.Height - top - bottom, x.Width - left - right));
    }

    private MilTensor Upsample(string name, UpsampleLayerParams p, MilTensor x)
    {
        if (p.Mode != UpsampleLayerParams.Types.InterpolationMode.Nn || p.FractionalScalingFactor.Count > 0)
        {
            throw new NotSupportedException($"Layer '{name}': only integer nearest-neighbour upsampling has an ML Program mapping here; export --format coreml instead.");
        }

        var (fh, fw) = Pair(p.ScalingFactor, 1, name, "scalingFactor");
        return block.Op(
            "upsample_nearest_neighbor",
            name,
            [("x", x.Name), ("scale_factor_height", block.Const(name + "_scale_h", MilValues.Int(fh))), ("scale_factor_width", block.Const(name + "_scale_w", MilValues.Int(fw)))],
            new MilTensor("", x.Channels, x.Height * fh, x.Width * fw));
    }

    /// <summary>MIL's space_to_depth and depth_to_space share the layer's position-first order; pixel_shuffle its colour-first one.</summary>
    private MilTensor Reorganize(string name, ReorganizeDataLayerParams p, MilTensor x)
    {
        int r = Int(p.BlockSize, name, "blockSize");
        if (r < 1)
        {
            throw Invalid(name, "blockSize must be at least 1.");
        }

        var (op, parameter) = p.Mode switch
        {
            ReorganizeDataLayerParams.Types.ReorganizationType.SpaceToDepth => ("space_to_depth", "block_size"),
            ReorganizeDataLayerParams.Types.ReorganizationType.DepthToSpace => ("depth_to_space", "block_size"),
            ReorganizeDataLayerParams.Types.ReorganizationType.PixelShuffle => ("pixel_shuffle", "upscale_factor"),
            _ => throw new NotSupportedException($"Layer '{name}': reorganizeData mode {p.Mode} has no ML Program mapping here; export --format coreml instead."),
        };
        var shape = op == "space_to_depth"
            ? new MilTensor("", checked(x.Channels * r * r), x.Height / r, x.Width / r)
            : new MilTensor("", x.Channels / (r * r), x.Height * r, x.Width * r);
        return block.Op(op, name, [("x", x.Name), (parameter, block.Const($"{name}_{parameter}", MilValues.Int(r)))], shape);
    }

    private MilTensor Unary(string name, UnaryFunctionLayerParams p, MilTensor x)
    {
        // The layer first computes scale * x + shift (an unset scale reads as 1).
        float scale = p.Scale == 0f ? 1f : p.Scale;
        if (scale != 1f)
        {
            x = Apply("mul", name + "_scale", x, ("y", block.Scalar(name + "_scale_value", scale)));
        }

        if (p.Shift != 0f)
        {
            x = Apply("add", name + "_shift", x, ("y", block.Scalar(name + "_shift_value", p.Shift)));
        }

        return p.Type switch
        {
            UnaryFunctionLayerParams.Types.Operation.Threshold => Apply("threshold", name, x, ("alpha", block.Scalar(name + "_alpha", p.Alpha))),
            UnaryFunctionLayerParams.Types.Operation.Inverse => Apply("inverse", name, x, ("epsilon", block.Scalar(name + "_epsilon", p.Epsilon))),
            UnaryFunctionLayerParams.Types.Operation.Abs => Unary("abs", name, x),
            UnaryFunctionLayerParams.Types.Operation.Exp => Unary("exp", name, x),
            _ => throw new NotSupportedException($"Layer '{name}': unary {p.Type} has no ML Program mapping here; export --format coreml instead."),
        };
    }

    private MilTensor Elementwise(string op, string name, List<MilTensor> inputs, float alpha)
    {
        if (inputs.Count == 1)
        {
            // With one input the layer combines it with alpha.
            return Apply(op, name, inputs[0], ("y", block.Scalar(name + "_alpha", alpha)));
        }

        var y = inputs[0];
        for (int i = 1; i < inputs.Count; i++)
        {
            y = block.Op(op, i == inputs.Count - 1 ? name : $"{name}_{i}", [("x", y.Name), ("y", inputs[i].Name)], y with { Name = "" });
        }

        return y;
    }

    private MilTensor Scale(string name, ScaleLayerParams p, MilTensor x)
    {
        var scale = WeightValues.Read(p.Scale, name, "scale");
        var y = Apply("mul", p.HasBias ? name + "_scale" : name, x, ("y", Broadcast(name + "_scale_value", scale, p.ShapeScale, x)));
        return p.HasBias
            ? Apply("add", name, y, ("y", Broadcast(name + "_bias", WeightValues.Read(p.Bias, name, "bias"), p.ShapeBias, x)))
            : y;
    }

    private MilTensor Bias(string name, BiasLayerParams p, MilTensor x) =>
        Apply("add", name, x, ("y", Broadcast(name + "_value", WeightValues.Read(p.Bias, name, "bias"), p.Shape, x)));

    /// <summary>A per-tensor ([1]) or per-channel ([C, 1, 1]) constant, shaped to broadcast against [1, C, H, W].</summary>
    private string Broadcast(string hint, float[] values, Google.Protobuf.Collections.RepeatedField<ulong> shape, MilTensor x)
    {
        if (values.Length == 1)
        {
            return block.Scalar(hint, values[0]);
        }

        if (values.Length == x.Channels && (shape.Count is 0 or 1 || (shape.Count == 3 && shape[1] == 1 && shape[2] == 1)))
        {
            return block.Weights(hint, values, 1, x.Channels, 1, 1);
        }

        throw new NotSupportedException($"Constant '{hint}' of shape [{string.Join(", ", shape)}] has no ML Program mapping here; export --format coreml instead.");
    }

    private MilTensor Unary(string op, string name, MilTensor x) => block.Op(op, name, [("x", x.Name)], x with { Name = "" });

    /// <summary>An op of <c>x</c> and constant parameters, whose output has x's shape.</summary>
    private MilTensor Apply(string op, string name, MilTensor x, params (string, string)[] more) =>
        block.Op(op, name, [("x", x.Name), .. more], x with { Name = "" });
}

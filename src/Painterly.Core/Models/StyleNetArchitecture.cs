namespace Painterly.Core.Models;

/// <summary>
/// One convolution stage of a StyleNet, in execution order. Every runtime (TorchSharp, ONNX, Core ML, the
/// reference interpreter) builds the network by walking these, so the layer order and names live in one place.
/// </summary>
/// <param name="Name">Parameter prefix of the convolution's module, e.g. <c>conv1</c>, <c>res2.conv1</c>, <c>deconv1</c>;
/// its weights are <c>{Name}.conv2d.weight</c> and <c>{Name}.conv2d.bias</c>.</param>
/// <param name="Norm">Prefix of the InstanceNorm2d(affine) after the conv (<c>in1</c>, <c>res2.in1</c>), or null.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="Kernel">Square kernel size; the reflection padding is <c>Kernel / 2</c> on every side.</param>
/// <param name="Stride">Convolution stride.</param>
/// <param name="Upsample">x2 upsampling before the conv: nearest (then pad + conv) or a transposed conv instead.</param>
/// <param name="Relu">ReLU after the norm (and after the residual add, never: residual blocks add last).</param>
/// <param name="SaveResidual">Remember this stage's input for the residual add.</param>
/// <param name="AddResidual">Add the remembered input after this stage's norm.</param>
public sealed record StyleNetStage(
    string Name,
    string? Norm,
    int InChannels,
    int OutChannels,
    int Kernel,
    int Stride,
    StyleNetUpsample? Upsample,
    bool Relu,
    bool SaveResidual = false,
    bool AddResidual = false)
{
    /// <summary>Name of the convolution weight tensor.</summary>
    public string WeightName => Name + ".conv2d.weight";

    /// <summary>Name of the convolution bias tensor.</summary>
    public string BiasName => Name + ".conv2d.bias";

    /// <summary>Convolution groups: 1, or <see cref="InChannels"/> for a depthwise convolution.</summary>
    public int Groups { get; init; } = 1;

    /// <summary>Space-to-depth block before the stage (PyTorch's pixel_unshuffle): 1 for none, 4 turns 3 x H x W into 48 x H/4 x W/4.</summary>
    public int SpaceToDepth { get; init; } = 1;

    /// <summary>Depth-to-space block after the convolution (PyTorch's pixel_shuffle, ONNX DepthToSpace mode CRD): 1 for none.</summary>
    public int DepthToSpace { get; init; } = 1;

    /// <summary>Shape of the convolution weight: [out, in / groups, k, k], or [in, out, k, k] for a transposed conv.</summary>
    public int[] WeightShape => Upsample == StyleNetUpsample.Transposed
        ? [InChannels, OutChannels, Kernel, Kernel]
        : [OutChannels, InChannels / Groups, Kernel, Kernel];

    /// <summary>Channels the stage hands on: the convolution's outputs, divided by the depth-to-space block's area.</summary>
    public int ResultChannels => OutChannels / (DepthToSpace * DepthToSpace);
}

/// <summary>The layer sequence and parameter names of a StyleNet (pytorch/examples state_dict keys).</summary>
public static class StyleNetArchitecture
{
    /// <summary>InstanceNorm epsilon (PyTorch's default).</summary>
    public const float InstanceNormEpsilon = 1e-5f;

    /// <summary>The stages of <paramref name="config"/>, in execution order (of the mobile architecture for a mobile form).</summary>
    public static IReadOnlyList<StyleNetStage> Stages(StyleNetConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Form == StyleNetForm.Mobile)
        {
            return MobileStyleNetArchitecture.Stages(config);
        }

        int c1 = config.Channels, c2 = 2 * c1, c3 = 4 * c1;
        var stages = new List<StyleNetStage>
        {
            new("conv1", "in1", 3, c1, 9, 1, null, true),
            new("conv2", "in2", c1, c2, 3, 2, null, true),
            new("conv3", "in3", c2, c3, 3, 2, null, true),
        };
        for (int i = 1; i <= config.ResidualBlocks; i++)
        {
            stages.Add(new($"res{i}.conv1", $"res{i}.in1", c3, c3, 3, 1, null, true, SaveResidual: true));
            stages.Add(new($"res{i}.conv2", $"res{i}.in2", c3, c3, 3, 1, null, false, AddResidual: true));
        }

        stages.Add(new("deconv1", "in4", c3, c2, 3, 1, config.Upsample, true));
        stages.Add(new("deconv2", "in5", c2, c1, 3, 1, config.Upsample, true));
        stages.Add(new("deconv3", null, c1, 3, 9, 1, null, false));
        return stages;
    }

    /// <summary>Every parameter name and shape, in state_dict order.</summary>
    public static IReadOnlyList<(string Name, int[] Shape)> Parameters(StyleNetConfig config)
    {
        var parameters = new List<(string, int[])>();
        foreach (var stage in Stages(config))
        {
            parameters.Add((stage.WeightName, stage.WeightShape));
            parameters.Add((stage.BiasName, [stage.OutChannels]));
            if (stage.Norm is not null)
            {
                parameters.Add((stage.Norm + ".weight", [stage.OutChannels]));
                parameters.Add((stage.Norm + ".bias", [stage.OutChannels]));
            }
        }

        return parameters;
    }

    /// <summary>Total number of parameters (1,679,235 for the default config).</summary>
    public static long ParameterCount(StyleNetConfig config) =>
        Parameters(config).Sum(p => p.Shape.Aggregate(1L, (a, b) => a * b));

    /// <summary>
    /// Floating-point operations of one forward pass at <paramref name="width"/> x <paramref name="height"/>
    /// (convolutions only, 2 per multiply-add; norms and activations are a few percent more).
    /// </summary>
    public static double Flops(StyleNetConfig config, int width, int height)
    {
        double pixels = (double)width * height, flops = 0;
        double scale = 1; // resolution of the current stage's input relative to the image (area)
        foreach (var stage in Stages(config))
        {
            double macPerOutput = (double)stage.InChannels / stage.Groups * stage.OutChannels * stage.Kernel * stage.Kernel;
            scale /= stage.SpaceToDepth * stage.SpaceToDepth;
            double outScale = stage.Upsample is null ? scale / (stage.Stride * stage.Stride) : scale * 4;
            // A transposed conv does its multiply-adds per input pixel, a conv per output pixel.
            double positions = stage.Upsample == StyleNetUpsample.Transposed ? scale : outScale;
            flops += 2 * macPerOutput * positions * pixels;
            scale = outScale * stage.DepthToSpace * stage.DepthToSpace;
        }

        return flops;
    }
}

using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Interpreting.Mil;

/// <summary>
/// MIL <c>conv</c> (weight [C_out, C_in/groups, kH, kW]) and <c>conv_transpose</c> (weight [C_in, C_out/groups, kH,
/// kW]) with <c>pad_type</c> valid or custom (<c>pad</c> = [top, bottom, left, right]; for conv_transpose the
/// amounts are removed from the output), strides, dilations and groups, run by the convolution kernel.
/// </summary>
internal static class MilConvolutionOps
{
    public static Blob Run(MilOpInputs inputs, bool transpose)
    {
        var x = inputs.X;
        var weight = inputs.Required("weight");
        if (weight.Floats is null || weight.Shape.Length != 4)
        {
            throw new InvalidDataException($"MIL op '{inputs.Label}': weight must be a rank-4 float tensor.");
        }

        int groups = inputs.Ints("groups", 1, 1)[0];
        int[] strides = inputs.Ints("strides", 2, 1), dilations = inputs.Ints("dilations", 2, 1);
        string padType = inputs.Text("pad_type", "valid");
        int[] pad = padType switch
        {
            "valid" => [0, 0, 0, 0],
            "custom" => inputs.Ints("pad", 4, 0),
            _ => throw new NotSupportedException($"MIL op '{inputs.Label}' uses pad_type '{padType}'; the interpreter runs valid and custom."),
        };

        var p = new ConvolutionLayerParams
        {
            OutputChannels = (ulong)(transpose ? weight.Shape[1] * groups : weight.Shape[0]),
            KernelChannels = (ulong)(transpose ? weight.Shape[0] : weight.Shape[1]),
            NGroups = (ulong)groups,
            KernelSize = { (ulong)weight.Shape[2], (ulong)weight.Shape[3] },
            Stride = { (ulong)strides[0], (ulong)strides[1] },
            DilationFactor = { (ulong)dilations[0], (ulong)dilations[1] },
            Valid = new ValidPadding { PaddingAmounts = MilTensorOps.Border(pad[0], pad[1], pad[2], pad[3]) },
            IsDeconvolution = transpose,
            Weights = Floats(weight.Floats),
        };
        if (inputs.Optional("bias") is { Floats: { } bias })
        {
            p.HasBias = true;
            p.Bias = Floats(bias);
        }

        return ConvolutionKernel.Run(inputs.Label, p, x);
    }

    private static WeightParams Floats(float[] values)
    {
        var weights = new WeightParams();
        weights.FloatValue.AddRange(values);
        return weights;
    }
}

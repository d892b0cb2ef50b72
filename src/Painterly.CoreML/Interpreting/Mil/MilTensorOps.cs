using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Interpreting.Mil;

/// <summary>
/// MIL <c>pad</c> (amounts for the last N dimensions as [before, after] pairs; modes constant, reflect, replicate),
/// <c>crop</c> (crop_height and crop_width as [start, end]) and <c>upsample_nearest_neighbor</c> (integer factors),
/// run by the padding, crop and upsample kernels.
/// </summary>
internal static class MilTensorOps
{
    public static Blob Pad(MilOpInputs inputs)
    {
        var x = inputs.X;
        var amounts = inputs.Required("pad").Ints ?? throw new InvalidDataException($"MIL op '{inputs.Label}': pad must be int32.");

        // Amounts for more than the last two dimensions must be zero: the kernels pad H and W.
        if (amounts.Length is not (4 or 6 or 8) || amounts[..^4].Any(a => a != 0))
        {
            throw new NotSupportedException($"MIL op '{inputs.Label}' pads [{string.Join(", ", amounts)}]; the interpreter pads height and width only.");
        }

        int[] hw = amounts[^4..];
        var p = new PaddingLayerParams { PaddingAmounts = Border(hw[0], hw[1], hw[2], hw[3]) };
        switch (inputs.Text("mode", "constant"))
        {
            case "reflect":
                p.Reflection = new PaddingLayerParams.Types.PaddingReflection();
                break;
            case "replicate":
                p.Replication = new PaddingLayerParams.Types.PaddingReplication();
                break;
            case "constant":
                p.Constant = new PaddingLayerParams.Types.PaddingConstant { Value = inputs.Scalar("constant_val", 0f) };
                break;
            case var mode:
                throw new NotSupportedException($"MIL op '{inputs.Label}' uses pad mode '{mode}'.");
        }

        return PaddingKernel.Run(inputs.Label, p, x);
    }

    public static Blob Crop(MilOpInputs inputs)
    {
        int[] h = inputs.Ints("crop_height", 2, 0), w = inputs.Ints("crop_width", 2, 0);
        return CropKernel.Run(inputs.Label, new CropLayerParams { CropAmounts = Border(h[0], h[1], w[0], w[1]) }, [inputs.X]);
    }

    public static Blob Upsample(MilOpInputs inputs)
    {
        int Factor(string parameter)
        {
            var value = inputs.Optional(parameter);
            float f = value?.Ints is { Length: 1 } i ? i[0] : value?.Scalar(inputs.Label, parameter) ?? 1f;
            return f >= 1f && f == MathF.Floor(f) ? (int)f
                : throw new NotSupportedException($"MIL op '{inputs.Label}': {parameter} {f} is not a whole factor; the interpreter upsamples by integers.");
        }

        var p = new UpsampleLayerParams { ScalingFactor = { (ulong)Factor("scale_factor_height"), (ulong)Factor("scale_factor_width") } };
        return UpsampleKernel.Run(inputs.Label, p, inputs.X);
    }

    /// <summary>space_to_depth, depth_to_space (position-first, as the NeuralNetwork layer) and pixel_shuffle (colour-first).</summary>
    public static Blob Reorganize(MilOpInputs inputs, ReorganizeDataLayerParams.Types.ReorganizationType mode, string parameter)
    {
        int r = inputs.Ints(parameter, 1, 0)[0];
        return r >= 1
            ? ReorganizeKernel.Run(inputs.Label, mode, (ulong)r, inputs.X)
            : throw new InvalidDataException($"MIL op '{inputs.Label}': {parameter} must be at least 1, got {r}.");
    }

    public static BorderAmounts Border(int top, int bottom, int left, int right) => new()
    {
        BorderAmounts_ =
        {
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)top, EndEdgeSize = (ulong)bottom },
            new BorderAmounts.Types.EdgeSizes { StartEdgeSize = (ulong)left, EndEdgeSize = (ulong)right },
        },
    };
}

namespace Painterly.Core.Models;

/// <summary>
/// Two orders of the channels that space-to-depth makes and depth-to-space takes. PyTorch's pixel_unshuffle and
/// pixel_shuffle (and ONNX DepthToSpace mode CRD) put colour first: channel <c>c * r^2 + dy * r + dx</c>. ONNX
/// SpaceToDepth, DepthToSpace's default DCR mode and Core ML's reorganizeData put the block position first:
/// channel <c>(dy * r + dx) * C + c</c>. ONNX has no colour-first SpaceToDepth, so the exported forms use the
/// position-first ops everywhere and reorder the adjacent convolution's weights instead, which costs nothing at run time.
/// </summary>
public static class BlockChannelOrder
{
    /// <summary>The colour-first (pixel_shuffle) index of the position-first channel <paramref name="positionFirst"/>.</summary>
    public static int ColourFirst(int positionFirst, int colours, int block)
    {
        int position = positionFirst / colours, colour = positionFirst % colours;
        return (colour * block * block) + position;
    }

    /// <summary>
    /// <paramref name="tensor"/> with its <paramref name="axis"/> (0: a conv's outputs or a bias; 1: a conv's inputs)
    /// taken from colour-first to position-first order.
    /// </summary>
    public static FloatTensor ToPositionFirst(FloatTensor tensor, int axis, int colours, int block) =>
        Permute(tensor, axis, colours, block, toPositionFirst: true);

    /// <summary>The inverse of <see cref="ToPositionFirst"/>: what a reader of an exported form does to get the state_dict tensor back.</summary>
    public static FloatTensor ToColourFirst(FloatTensor tensor, int axis, int colours, int block) =>
        Permute(tensor, axis, colours, block, toPositionFirst: false);

    /// <summary>
    /// <paramref name="stage"/>'s weight as the ONNX and Core ML exports store it: next to a space-to-depth or
    /// depth-to-space its input or output channels are position-first, under the state_dict name plus <c>/dcr</c>.
    /// </summary>
    public static (string Name, FloatTensor Value) ExportedWeight(StyleNetStage stage, StyleModel model)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(model);
        var weight = model.Weights[stage.WeightName];
        if (stage.SpaceToDepth > 1)
        {
            weight = ToPositionFirst(weight, 1, stage.InChannels / (stage.SpaceToDepth * stage.SpaceToDepth), stage.SpaceToDepth);
        }

        if (stage.DepthToSpace > 1)
        {
            weight = ToPositionFirst(weight, 0, stage.ResultChannels, stage.DepthToSpace);
        }

        return (ReferenceEquals(weight, model.Weights[stage.WeightName]) ? stage.WeightName : stage.WeightName + "/dcr", weight);
    }

    /// <summary><paramref name="stage"/>'s bias as the exports store it (reordered as <see cref="ExportedWeight"/> before a depth-to-space).</summary>
    public static (string Name, FloatTensor Value) ExportedBias(StyleNetStage stage, StyleModel model)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(model);
        return stage.DepthToSpace > 1
            ? (stage.BiasName + "/dcr", ToPositionFirst(model.Weights[stage.BiasName], 0, stage.ResultChannels, stage.DepthToSpace))
            : (stage.BiasName, model.Weights[stage.BiasName]);
    }

    private static FloatTensor Permute(FloatTensor tensor, int axis, int colours, int block, bool toPositionFirst)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (axis < 0 || axis >= tensor.Shape.Length || tensor.Shape[axis] != colours * block * block)
        {
            throw new ArgumentException($"Axis {axis} of a [{string.Join(", ", tensor.Shape)}] tensor does not hold {colours} x {block}^2 channels.", nameof(tensor));
        }

        int count = tensor.Shape[axis];
        int outer = tensor.Shape.Take(axis).Aggregate(1, (a, b) => a * b);
        int inner = tensor.Shape.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var data = new float[tensor.Data.Length];
        for (int o = 0; o < outer; o++)
        {
            for (int positionFirst = 0; positionFirst < count; positionFirst++)
            {
                int colourFirst = ColourFirst(positionFirst, colours, block);
                var (to, from) = toPositionFirst ? (positionFirst, colourFirst) : (colourFirst, positionFirst);
                Array.Copy(tensor.Data, ((o * count) + from) * inner, data, ((o * count) + to) * inner, inner);
            }
        }

        return new FloatTensor((int[])tensor.Shape.Clone(), data);
    }
}

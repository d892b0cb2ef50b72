using Google.Protobuf;
using Painterly.CoreML.Specification;

namespace Painterly.CoreML.Reading;

/// <summary>
/// Names the layer type of a layer outside our schema subset: the parser keeps it as an unknown field, whose number
/// identifies it in Apple's <c>NeuralNetworkLayer</c> oneof (every layer type's field number is 100 or more).
/// </summary>
internal static class UnknownLayerType
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [120] = "pooling", [140] = "innerProduct", [150] = "embedding", [165] = "mvn", [170] = "l2normalize",
        [175] = "softmax", [180] = "lrn", [211] = "resizeBilinear", [212] = "cropResize", [240] = "average",
        [260] = "max", [261] = "min", [600] = "copy", [665] = "ceil", [670] = "floor", [760] = "tanh",
        [1460] = "clampedReLU", [1471] = "convolution3d",
    };

    /// <summary>"field 140 (innerProduct)", or "no layer type" when none is set.</summary>
    public static string Describe(NeuralNetworkLayer layer)
    {
        int field = FieldNumber(layer);
        if (field == 0)
        {
            return "no layer type";
        }

        return Names.TryGetValue(field, out var name) ? $"field {field} ({name})" : $"field {field}";
    }

    private static int FieldNumber(NeuralNetworkLayer layer)
    {
        var input = new CodedInputStream(layer.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            int field = WireFormat.GetTagFieldNumber(tag);
            if (field >= 100)
            {
                return field;
            }

            input.SkipLastField();
        }

        return 0;
    }
}

using Painterly.Core.Models;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>
/// Puts weights into the graph as initializers, float32 or float16 plus a Cast to float32,
/// and hands back the float32 value a node should read.
/// </summary>
internal sealed class OnnxWeightInitializers(OnnxGraphBuilder graph, StyleModel model, bool fp16)
{
    /// <summary>The model weight of that state_dict name.</summary>
    public string Float32(string weightName) =>
        Float32(weightName, model.Weights.TryGetValue(weightName, out var tensor)
            ? tensor
            : throw new InvalidOperationException($"The StyleNet walk needs '{weightName}', which the model lacks."));

    /// <summary>A tensor derived from the weights (e.g. rearranged), stored like them.</summary>
    public string Float32(string name, FloatTensor tensor)
    {
        var dims = tensor.Shape.Select(d => (long)d);
        if (!fp16)
        {
            return graph.Initializer(OnnxTensors.Float(name, dims, tensor.Data));
        }

        // ORT folds Cast-of-initializer at load, so the half-size file runs at float32 speed.
        string castName = name + "/cast";
        if (graph.Has(castName))
        {
            return castName;
        }

        string half = graph.Initializer(OnnxTensors.Float16(name, dims, tensor.Data));
        return graph.Node("Cast", castName, [half], [OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float)]);
    }
}

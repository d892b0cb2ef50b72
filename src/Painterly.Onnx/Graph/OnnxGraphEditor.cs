using Google.Protobuf;
using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>Small edits to ONNX model bytes, e.g. exposing intermediate values to compare runtimes layer by layer.</summary>
public static class OnnxGraphEditor
{
    /// <summary>Returns <paramref name="model"/> with <paramref name="valueNames"/> added as float tensor graph outputs.</summary>
    public static byte[] WithOutputs(byte[] model, IEnumerable<string> valueNames)
    {
        ArgumentNullException.ThrowIfNull(valueNames);
        var proto = OnnxModelReader.Parse(model, "model");
        foreach (string name in valueNames)
        {
            proto.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        return proto.ToByteArray();
    }
}

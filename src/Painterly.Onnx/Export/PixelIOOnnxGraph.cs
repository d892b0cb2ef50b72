using Painterly.Onnx.Protos;

namespace Painterly.Onnx;

/// <summary>
/// Adapts the float32 NCHW RGB body to uint8 NHWC RGBA, the layout of a canvas ImageData,
/// so onnxruntime-web can feed and show pixels without any JavaScript loops.
/// </summary>
internal static class PixelIOOnnxGraph
{
    /// <summary>RGBA uint8 <c>[1, H, W, 4]</c> to RGB float32 <c>[1, 3, H, W]</c>; the input alpha is ignored.</summary>
    public static string Decode(OnnxGraphBuilder graph, string rgba)
    {
        string starts = graph.Initializer(OnnxTensors.Int64("input/rgb/starts", 0));
        string ends = graph.Initializer(OnnxTensors.Int64("input/rgb/ends", 3));
        string axes = graph.Initializer(OnnxTensors.Int64("input/rgb/axes", 3));
        string rgb = graph.Node("Slice", "input/rgb", [rgba, starts, ends, axes]);
        // Transposing bytes moves a quarter of the memory that transposing floats would.
        string nchw = graph.Node("Transpose", "input/nchw", [rgb], [OnnxAttributes.Ints("perm", 0, 3, 1, 2)]);
        return graph.Node("Cast", "input/float", [nchw], [OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Float)]);
    }

    /// <summary>Clamped float32 <c>[1, 3, H, W]</c> to uint8 RGBA <c>[1, H, W, 4]</c> with alpha 255, named <paramref name="output"/>.</summary>
    public static string Encode(OnnxGraphBuilder graph, string clamped, string output)
    {
        // Cast truncates; rounding first keeps the error within half a level.
        string rounded = graph.Node("Round", "output/round", [clamped]);
        string bytes = graph.Node("Cast", "output/uint8", [rounded], [OnnxAttributes.Int("to", (long)TensorProto.Types.DataType.Uint8)]);
        string nhwc = graph.Node("Transpose", "output/nhwc", [bytes], [OnnxAttributes.Ints("perm", 0, 2, 3, 1)]);
        // A constant pad of one channel appends the opaque alpha without building a [1, H, W, 1] tensor of the dynamic size.
        string pads = graph.Initializer(OnnxTensors.Int64("output/alpha/pads", 0, 0, 0, 0, 0, 0, 0, 1));
        string opaque = graph.Initializer(OnnxTensors.UInt8Scalar("output/alpha/value", byte.MaxValue));
        return graph.Node("Pad", "output/alpha", [nhwc, pads, opaque], [OnnxAttributes.String("mode", "constant")], output);
    }
}

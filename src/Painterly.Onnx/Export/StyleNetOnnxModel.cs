using Painterly.Core.Models;
using Painterly.Onnx.Protos;
using static Painterly.Onnx.OnnxGraphBuilder;
using DataType = Painterly.Onnx.Protos.TensorProto.Types.DataType;

namespace Painterly.Onnx;

/// <summary>Builds the complete ONNX model of a <see cref="StyleModel"/>: header, graph, input/output and metadata.</summary>
internal static class StyleNetOnnxModel
{
    public static ModelProto Build(StyleModel model, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.FixedSize?.Validate(nameof(options));

        var graph = new OnnxGraphBuilder(string.IsNullOrEmpty(model.Info.StyleName) ? "stylenet" : model.Info.StyleName);
        var weights = new OnnxWeightInitializers(graph, model, options.Fp16Weights);
        var (height, width) = options.FixedSize is { } size
            ? (Dim(size.Height), Dim(size.Width))
            : (Dim("height"), Dim("width"));

        if (options.PixelIO)
        {
            string rgba = graph.Input(OnnxExporter.InputName, DataType.Uint8, Dim(1), height, width, Dim(4));
            string clamped = StyleNetOnnxGraph.Add(graph, weights, model, options, PixelIOOnnxGraph.Decode(graph, rgba), "output/clamped");
            graph.Output(PixelIOOnnxGraph.Encode(graph, clamped, OnnxExporter.OutputName), DataType.Uint8, Dim(1), height, width, Dim(4));
        }
        else
        {
            string image = graph.Input(OnnxExporter.InputName, DataType.Float, Dim(1), Dim(3), height, width);
            graph.Output(StyleNetOnnxGraph.Add(graph, weights, model, options, image, OnnxExporter.OutputName), DataType.Float, Dim(1), Dim(3), height, width);
        }

        var proto = new ModelProto
        {
            IrVersion = OnnxExporter.IrVersion,
            ProducerName = OnnxExporter.ProducerName,
            ProducerVersion = OnnxModelMetadata.PainterlyVersion,
            Graph = graph.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExporter.OpsetVersion });
        proto.MetadataProps.Add(OnnxModelMetadata.Entries(model));
        return proto;
    }
}

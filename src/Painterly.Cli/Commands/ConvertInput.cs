using System.Globalization;
using Painterly.Core.Models;
using Painterly.Core.PyTorch;
using Painterly.Onnx;

namespace Painterly.Cli.Commands;

/// <summary>
/// A <c>convert</c> input read by its extension: a StyleNet (<see cref="Model"/>) when it is one, else an ONNX graph
/// for the general Core ML converter.
/// </summary>
internal sealed record ConvertInput(string Path, StyleModel? Model, OnnxGraph? Graph, string Description)
{
    public static ConvertInput Load(string path, string format)
    {
        if (!File.Exists(path))
        {
            throw new UserException(Directory.Exists(path) ? $"{path} is a folder; give a model file." : $"{path} does not exist; check the path.");
        }

        switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
        {
            case ".pth" or ".model" or ".pt":
                return Of(path, TorchCheckpointReader.ReadStyleModel(path), "PyTorch checkpoint");
            case ".safetensors":
                return Of(path, StyleModelFile.Load(path), "safetensors");
            case ".onnx":
                var graph = OnnxGraph.ReadFile(path);
                var import = OnnxStyleNetImporter.TryImport(graph, path, out string whyNot);
                if (import is not null)
                {
                    string how = import.Method == OnnxStyleNetImportMethod.ParameterNames ? "by parameter names" : "by graph structure";
                    return Of(path, import.Model, $"ONNX opset {graph.Opset.ToString(CultureInfo.InvariantCulture)}, StyleNet recovered {how}");
                }

                if (format is not ("coreml" or "mlpackage"))
                {
                    throw new UserException($"{path} is not a StyleNet ({whyNot}); only --to coreml or mlpackage converts other ONNX graphs.");
                }

                return new ConvertInput(path, null, graph, $"ONNX opset {graph.Opset.ToString(CultureInfo.InvariantCulture)}, general graph ({whyNot})");
            case var other:
                throw new UserException($"cannot convert '{(other.Length == 0 ? System.IO.Path.GetFileName(path) : other)}' files; give a .pth, .model, .pt, .safetensors or .onnx file.");
        }
    }

    private static ConvertInput Of(string path, StyleModel model, string kind) => new(
        path,
        model,
        null,
        model.Config.Form == StyleNetForm.Classic
            ? $"{kind}: StyleNet {model.Config.Describe()}, {model.Config.Upsample.ToString().ToLowerInvariant()} upsampling"
            : $"{kind}: StyleNet {model.Config.Describe()}");
}

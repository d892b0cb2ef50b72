using Painterly.CoreML.Specification;
using Painterly.Onnx;

namespace Painterly.CoreML.Converting;

/// <summary>A runtime tensor of the converted graph: a Core ML blob holding [1, C, H, W].</summary>
/// <param name="Blob">The Core ML blob name.</param>
/// <param name="Channels">C.</param>
/// <param name="Height">H at the size the conversion folds shapes for.</param>
/// <param name="Width">W at that size.</param>
internal sealed record RuntimeTensor(string Blob, int Channels, int Height, int Width)
{
    public long[] Shape => [1, Channels, Height, Width];
}

/// <summary>What the converter knows while it walks the ONNX nodes: constants, runtime blobs and the layers so far.</summary>
internal sealed class ConversionState(OnnxGraph graph, bool fp16, bool clipLayer)
{
    private readonly HashSet<string> layerNames = new(StringComparer.Ordinal);

    public OnnxGraph Graph { get; } = graph;

    public bool Fp16 { get; } = fp16;

    /// <summary>A Clip layer may be used (iOS 13); otherwise clamps are built from version-1 layers.</summary>
    public bool ClipLayer { get; } = clipLayer;

    public Dictionary<string, ConstantTensor> Constants { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RuntimeTensor> Runtime { get; } = new(StringComparer.Ordinal);

    public List<NeuralNetworkLayer> Layers { get; } = [];

    /// <summary>Whether a Shape node read the size of a runtime tensor, tying the result to one input size.</summary>
    public bool UsedRuntimeShape { get; set; }

    public bool IsConstant(string name) => name.Length == 0 || Constants.ContainsKey(name);

    public ConstantTensor? OptionalConstant(OnnxNode node, int input) =>
        input < node.Inputs.Count && node.Inputs[input].Length > 0 ? Constant(node, input) : null;

    public ConstantTensor Constant(OnnxNode node, int input)
    {
        string name = input < node.Inputs.Count ? node.Inputs[input] : "";
        return Constants.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"ONNX node '{node.Label}' ({node.OpType}): input {input} ('{name}') must be a constant (or computable from constants and the input size) for Core ML.");
    }

    public RuntimeTensor Tensor(OnnxNode node, int input)
    {
        string name = input < node.Inputs.Count ? node.Inputs[input] : "";
        return Runtime.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"ONNX node '{node.Label}' ({node.OpType}): input {input} ('{name}') is not produced by an earlier node or the graph input.");
    }

    /// <summary>Adds <paramref name="layer"/>, giving it a unique name and output blob; returns the blob.</summary>
    public string Add(NeuralNetworkLayer layer)
    {
        string name = layer.Name.Length == 0 ? "layer" : layer.Name;
        string unique = name;
        for (int i = 2; !layerNames.Add(unique); i++)
        {
            unique = $"{name}_{i}";
        }

        layer.Name = unique;
        layer.Output.Clear();
        layer.Output.Add(unique);
        Layers.Add(layer);
        return unique;
    }
}

namespace Painterly.Onnx;

/// <summary>
/// The computation of an ONNX file in plain values: nodes in file order, constant tensors by name, graph inputs and
/// outputs. What converters and the loss network read; <see cref="OnnxModelReader"/> gives the summary instead.
/// </summary>
public sealed class OnnxGraph
{
    internal OnnxGraph(
        IReadOnlyList<OnnxNode> nodes,
        IReadOnlyDictionary<string, OnnxTensor> initializers,
        IReadOnlyList<OnnxValueSummary> inputs,
        IReadOnlyList<OnnxValueSummary> outputs,
        IReadOnlyList<OnnxOpsetImport> opsets)
    {
        Nodes = nodes;
        Initializers = initializers;
        Inputs = inputs;
        Outputs = outputs;
        OpsetImports = opsets;
    }

    /// <summary>Nodes in file order (ONNX requires a topological order).</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Initializers by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Initializers { get; }

    /// <summary>Graph inputs that are not initializers.</summary>
    public IReadOnlyList<OnnxValueSummary> Inputs { get; }

    /// <summary>Graph outputs.</summary>
    public IReadOnlyList<OnnxValueSummary> Outputs { get; }

    /// <summary>Operator sets the model imports.</summary>
    public IReadOnlyList<OnnxOpsetImport> OpsetImports { get; }

    /// <summary>The version of the default (<c>ai.onnx</c>) operator set, or 0.</summary>
    public long Opset => OpsetImports.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;

    /// <summary>Reads the ONNX file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Not an ONNX model, too large, or a tensor is malformed.</exception>
    public static OnnxGraph ReadFile(string path, long maxBytes = OnnxModelReader.DefaultMaxBytes) =>
        OnnxGraphDecoder.Decode(OnnxModelReader.ParseFile(path, maxBytes), path);

    /// <summary>Reads an ONNX model held in memory.</summary>
    /// <exception cref="InvalidDataException">Not an ONNX model, or a tensor is malformed.</exception>
    public static OnnxGraph Read(ReadOnlySpan<byte> bytes, string sourceName = "model") =>
        OnnxGraphDecoder.Decode(OnnxModelReader.Parse(bytes, sourceName), sourceName);
}

namespace Painterly.Onnx;

/// <summary>What <c>painterly inspect</c> shows about an ONNX file.</summary>
public sealed record OnnxModelSummary
{
    /// <summary>ONNX IR version.</summary>
    public required long IrVersion { get; init; }

    /// <summary>Tool that wrote the file, e.g. <c>painterly</c> or <c>pytorch</c>.</summary>
    public required string ProducerName { get; init; }

    /// <summary>Version of that tool.</summary>
    public required string ProducerVersion { get; init; }

    /// <summary>Name of the main graph.</summary>
    public required string GraphName { get; init; }

    /// <summary>Operator sets imported.</summary>
    public required IReadOnlyList<OnnxOpsetImport> OpsetImports { get; init; }

    /// <summary>Graph inputs a caller feeds (initializers listed as inputs by old exporters are left out).</summary>
    public required IReadOnlyList<OnnxValueSummary> Inputs { get; init; }

    /// <summary>Graph outputs.</summary>
    public required IReadOnlyList<OnnxValueSummary> Outputs { get; init; }

    /// <summary>Nodes in the main graph (subgraphs of If/Loop not included).</summary>
    public required int NodeCount { get; init; }

    /// <summary>Main-graph node count per operator, keyed <c>Conv</c> or <c>domain:Op</c> outside the default domain; sorted by key.</summary>
    public required IReadOnlyDictionary<string, int> OpHistogram { get; init; }

    /// <summary>Number of initializers.</summary>
    public required int InitializerCount { get; init; }

    /// <summary>Bytes of initializer data (elements times element size, wherever the data is stored).</summary>
    public required long InitializerBytes { get; init; }

    /// <summary>Elements in floating-point initializers: the weights, plus any float constants.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>The <c>metadata_props</c> entries, in file order (a repeated key keeps its last value).</summary>
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}

namespace Painterly.CoreML;

/// <summary>What <c>painterly inspect</c> shows of a Core ML NeuralNetwork model.</summary>
public sealed record CoreMLModelSummary
{
    /// <summary>The specification version the file declares.</summary>
    public required int SpecificationVersion { get; init; }

    /// <summary>The operating systems that first run the declared version.</summary>
    public required string OperatingSystems { get; init; }

    /// <summary>The lowest version the model's features need (can differ from the declared one in foreign files).</summary>
    public required int RequiredSpecificationVersion { get; init; }

    /// <summary>The model inputs.</summary>
    public required IReadOnlyList<CoreMLFeatureSummary> Inputs { get; init; }

    /// <summary>The model outputs.</summary>
    public required IReadOnlyList<CoreMLFeatureSummary> Outputs { get; init; }

    /// <summary>One line per preprocessing entry, e.g. "image: scale 1, bias R 0 G 0 B 0".</summary>
    public required IReadOnlyList<string> Preprocessing { get; init; }

    /// <summary>The layers in execution order.</summary>
    public required IReadOnlyList<CoreMLLayerSummary> Layers { get; init; }

    /// <summary>Total stored weight values.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Weight values stored as float32.</summary>
    public required long Float32Parameters { get; init; }

    /// <summary>Weight values stored as float16.</summary>
    public required long Float16Parameters { get; init; }

    /// <summary>Bytes the weights take in the file.</summary>
    public required long WeightBytes { get; init; }

    /// <summary>Metadata short description.</summary>
    public required string ShortDescription { get; init; }

    /// <summary>Metadata author.</summary>
    public required string Author { get; init; }

    /// <summary>Metadata licence.</summary>
    public required string License { get; init; }

    /// <summary>Metadata model version.</summary>
    public required string VersionString { get; init; }

    /// <summary>Metadata user-defined entries, in file order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> UserDefined { get; init; }

    /// <summary>How many layers of each type (<see cref="CoreMLLayerSummary.Type"/>), in order of first use.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> LayerTypeCounts =>
        [.. Layers.GroupBy(l => l.Type).Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))];
}

/// <summary>An input or output of a Core ML model.</summary>
/// <param name="Name">Feature name.</param>
/// <param name="Kind"><c>image</c>, <c>multiArray</c> or <c>unsupported</c>.</param>
/// <param name="Details">Size, colour space and flexibility (image) or shape and data type (multiArray).</param>
/// <param name="Description">The feature's short description.</param>
public sealed record CoreMLFeatureSummary(string Name, string Kind, string Details, string Description)
{
    /// <summary>"name: kind details".</summary>
    public override string ToString() => $"{Name}: {Kind} {Details}";
}

/// <summary>One layer of a Core ML NeuralNetwork.</summary>
/// <param name="Name">Layer name.</param>
/// <param name="Type">Layer type, e.g. <c>convolution</c>, <c>deconvolution</c>, <c>batchnorm</c>, <c>padding</c>.</param>
/// <param name="Inputs">Blobs read.</param>
/// <param name="Outputs">Blobs written.</param>
/// <param name="Parameters">Key parameters in a few words.</param>
/// <param name="ParameterCount">Weight values stored in the layer.</param>
public sealed record CoreMLLayerSummary(string Name, string Type, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, string Parameters, long ParameterCount)
{
    /// <summary>"name type in → out: parameters".</summary>
    public override string ToString() => $"{Name} {Type} {string.Join(", ", Inputs)} → {string.Join(", ", Outputs)}: {Parameters}";
}

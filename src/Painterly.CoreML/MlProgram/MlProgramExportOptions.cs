namespace Painterly.CoreML.MlProgram;

/// <summary>
/// How an ML Program (<c>.mlpackage</c>) is written: image size or size flexibility (as for the NeuralNetwork form),
/// float16 or float32 weights and compute, and the oldest iOS, which picks the specification version and opset.
/// </summary>
public sealed record MlProgramExportOptions
{
    /// <summary>The fixed size, or the default size inside <see cref="EnumeratedSizes"/> / <see cref="SizeRange"/>.</summary>
    public CoreMLImageSize? Size { get; init; }

    /// <summary>The sizes the model accepts. Exclusive with <see cref="SizeRange"/>.</summary>
    public IReadOnlyList<CoreMLImageSize>? EnumeratedSizes { get; init; }

    /// <summary>A range of sides the model accepts. Exclusive with <see cref="EnumeratedSizes"/>.</summary>
    public CoreMLSizeRange? SizeRange { get; init; }

    /// <summary>
    /// Weights and activations in float32. The default, float16, halves the file and is what the GPU and Neural
    /// Engine compute in; float32 runs on the CPU and GPU only.
    /// </summary>
    public bool Fp32 { get; init; }

    /// <summary>The oldest iOS (15, 16, 17 or 18) the model must run on.</summary>
    public int MinimumIos { get; init; } = 15;

    /// <summary>Author written in the metadata.</summary>
    public string Author { get; init; } = "Painterly";

    /// <summary>Model version written in the metadata.</summary>
    public string ModelVersion { get; init; } = "1.0";

    /// <summary>The default (or fixed) image size these options give.</summary>
    public CoreMLImageSize DefaultSize => NeuralNetworkOptions.DefaultSize;

    /// <summary>The specification version the minimum iOS gives (iOS 15 = 6 ... iOS 18 = 9).</summary>
    public int SpecificationVersion => MinimumIos - 9;

    /// <summary>The MIL opset name of the minimum iOS (iOS 15 = CoreML5 ... iOS 18 = CoreML8).</summary>
    public string Opset => $"CoreML{MinimumIos - 10}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public MlProgramExportOptions Validate()
    {
        if (MinimumIos is < 15 or > 18)
        {
            throw new ArgumentException($"An ML Program needs iOS 15 or later: MinimumIos must be 15, 16, 17 or 18, got {MinimumIos}.");
        }

        NeuralNetworkOptions.Validate();
        return this;
    }

    /// <summary>
    /// The options of the NeuralNetwork that the program is translated from: same sizes, float32 (the program
    /// chooses its own precision), and iOS 14 so that clamps are one Clip layer.
    /// </summary>
    internal CoreMLExportOptions NeuralNetworkOptions => new()
    {
        Size = Size,
        EnumeratedSizes = EnumeratedSizes,
        SizeRange = SizeRange,
        Fp16 = false,
        MinimumIos = 14,
        Author = Author,
        ModelVersion = ModelVersion,
    };
}

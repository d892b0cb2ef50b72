namespace Painterly.Onnx;

/// <summary>How <see cref="OnnxStylizer"/> sets up ONNX Runtime.</summary>
public sealed record OnnxStylizerOptions
{
    /// <summary>One symbolic-size session, all cores.</summary>
    public static OnnxStylizerOptions Default { get; } = new();

    /// <summary>
    /// Build one session per image size with the symbolic height and width fixed, so ONNX Runtime plans shapes and
    /// memory once; each new size pays a session load (tens of milliseconds) and keeps its session until disposal.
    /// </summary>
    public bool SessionPerSize { get; init; }

    /// <summary>
    /// How a <see cref="Core.Models.StyleModel"/> is exported before it runs: by default with the equivalent forms
    /// that are faster on x64 (<see cref="OnnxExportOptions.PolyphaseOutputConv"/>,
    /// <see cref="OnnxExportOptions.SubpixelUpsample"/>). Files and bytes run as they are.
    /// </summary>
    public OnnxExportOptions Export { get; init; } = new() { PolyphaseOutputConv = true, SubpixelUpsample = true };

    /// <summary>
    /// Whether a <see cref="Core.Models.StyleModel"/> runs with int8 convolutions; ignored when
    /// <see cref="Export"/> already carries a <see cref="OnnxExportOptions.Quantization"/>.
    /// </summary>
    public OnnxPrecision Precision { get; init; }

    /// <summary>Threads for one inference; 0 means <see cref="Environment.ProcessorCount"/>.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Extra ONNX Runtime session config entries (<c>session.*</c> keys), applied last.</summary>
    public IReadOnlyDictionary<string, string> SessionConfig { get; init; } = new Dictionary<string, string>();
}

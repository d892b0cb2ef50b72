using Painterly.Core.Models;
using Painterly.Onnx;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Writes style models and ONNX image-to-image graphs as Core ML ML Programs (<c>.mlpackage</c>, iOS 15 and later):
/// the same image input <c>image</c> and output <c>stylized</c> (RGB 0-255, clamped inside the model) and
/// metadata as the NeuralNetwork form, typed MIL operations, float16 weights and compute by default.
/// </summary>
public static class MlProgramExporter
{
    /// <summary>The ML Program of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent, or a weight does not fit float16.</exception>
    public static MlPackage Build(StyleModel model, MlProgramExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options = (options ?? new MlProgramExportOptions()).Validate();
        return MilProgramWriter.Write(CoreMLExporter.Build(model, options.NeuralNetworkOptions), options);
    }

    /// <summary>The ML Program of an ONNX graph that <see cref="OnnxToCoreMLConverter"/> accepts.</summary>
    /// <exception cref="InvalidDataException">The graph cannot be converted (one line naming why).</exception>
    /// <exception cref="ArgumentException">The options are inconsistent, or a weight does not fit float16.</exception>
    public static MlPackage Convert(OnnxGraph graph, MlProgramExportOptions? options = null, string sourceName = "model")
    {
        ArgumentNullException.ThrowIfNull(graph);
        options = (options ?? new MlProgramExportOptions()).Validate();
        return MilProgramWriter.Write(OnnxToCoreMLConverter.Convert(graph, options.NeuralNetworkOptions, sourceName), options);
    }

    /// <summary>
    /// The ML Program form of a NeuralNetwork image-to-image model (as <see cref="CoreMLExporter"/> and
    /// <see cref="OnnxToCoreMLConverter"/> write them): same description, the scaler preprocessing as ops. The sizes
    /// come from the model's description; <paramref name="options"/> gives precision and minimum iOS.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer without an ML Program mapping.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent, or a weight does not fit float16.</exception>
    public static MlPackage FromNeuralNetwork(Painterly.CoreML.Specification.Model network, MlProgramExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        return MilProgramWriter.Write(network, (options ?? new MlProgramExportOptions()).Validate());
    }

    /// <summary>Writes the package of <paramref name="model"/> to the folder <paramref name="path"/> atomically.</summary>
    /// <inheritdoc cref="Build"/>
    public static MlPackage Save(string path, StyleModel model, MlProgramExportOptions? options = null)
    {
        var package = Build(model, options);
        MlPackageWriter.Write(path, package);
        return package;
    }
}

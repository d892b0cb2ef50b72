using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>How <see cref="OnnxStyleNetImporter"/> found a StyleNet's weights in an ONNX graph.</summary>
public enum OnnxStyleNetImportMethod
{
    /// <summary>The initializers carry the pytorch/examples parameter names (torch.onnx.export keeps them).</summary>
    ParameterNames,

    /// <summary>The weights were taken from the Conv and InstanceNormalization nodes in graph order.</summary>
    GraphStructure,
}

/// <summary>A StyleNet recovered from an ONNX graph.</summary>
/// <param name="Model">The network and its weights.</param>
/// <param name="Method">Where the weights came from.</param>
public sealed record OnnxStyleNetImport(StyleModel Model, OnnxStyleNetImportMethod Method);

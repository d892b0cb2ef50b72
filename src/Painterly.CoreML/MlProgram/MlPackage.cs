using Painterly.CoreML.Specification;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// An ML Program model in memory: the specification (<c>model.mlmodel</c>, whose <see cref="Model.MlProgram"/>
/// holds the program) and the weights file its constants point into (<c>weight.bin</c>).
/// </summary>
/// <param name="Model">The model specification.</param>
/// <param name="Weights">The MIL blob storage file.</param>
public sealed record MlPackage(Model Model, byte[] Weights)
{
    /// <summary>The function Core ML runs.</summary>
    public const string MainFunction = "main";
}

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// The folder layout of an <c>.mlpackage</c>: <c>Manifest.json</c> at the top lists the items under <c>Data/</c>
/// (paths relative to it) and names the root model, the specification.
/// </summary>
internal static class MlPackageLayout
{
    public const string Manifest = "Manifest.json";

    public const string DataFolder = "Data";

    public const string FileFormatVersion = "1.0.0";

    public const string Author = "com.apple.CoreML";

    /// <summary>Item path of the specification, relative to <see cref="DataFolder"/>.</summary>
    public const string ModelPath = "com.apple.CoreML/model.mlmodel";

    /// <summary>Item path of the weights folder, relative to <see cref="DataFolder"/>.</summary>
    public const string WeightsPath = "com.apple.CoreML/weights";

    /// <summary>The weights file inside the weights folder (what <see cref="MilBlobFormat.ProgramFileName"/> names).</summary>
    public const string WeightsFile = "weight.bin";

    public const string ModelDescription = "CoreML Model Specification";

    public const string WeightsDescription = "CoreML Model Weights";
}

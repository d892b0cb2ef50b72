namespace Painterly.Onnx;

/// <summary>An operator set the model imports.</summary>
/// <param name="Domain">Operator domain; empty for the default <c>ai.onnx</c>.</param>
/// <param name="Version">Opset version.</param>
public sealed record OnnxOpsetImport(string Domain, long Version)
{
    /// <summary>E.g. <c>ai.onnx 17</c>.</summary>
    public override string ToString() => $"{(Domain.Length == 0 ? "ai.onnx" : Domain)} {Version}";
}

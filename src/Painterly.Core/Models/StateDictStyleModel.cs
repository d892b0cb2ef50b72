namespace Painterly.Core.Models;

/// <summary>
/// Builds a <see cref="StyleModel"/> from tensors named like a pytorch/examples TransformerNet state_dict, wherever
/// they were read from (a <c>.pth</c>, the initializers of a PyTorch-exported ONNX file).
/// </summary>
public static class StateDictStyleModel
{
    /// <summary>
    /// The model whose config is inferred from the tensor names and shapes; stale InstanceNorm running statistics
    /// are dropped. <paramref name="sourceName"/> names the origin in errors.
    /// </summary>
    /// <exception cref="InvalidDataException">The tensors are not exactly a TransformerNet's.</exception>
    public static StyleModel FromTensors(IReadOnlyDictionary<string, FloatTensor> tensors, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(sourceName);
        return TransformerNetCheckpoint.ToStyleModel(tensors, sourceName);
    }
}

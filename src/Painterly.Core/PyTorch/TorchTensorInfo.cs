using Painterly.Core.Models;

namespace Painterly.Core.PyTorch;

/// <summary>One tensor of a PyTorch checkpoint, as stored.</summary>
/// <param name="Name">The state_dict key (without a DataParallel <c>module.</c> prefix).</param>
/// <param name="DType">Element type of its storage (F32, F16, BF16, F64, I64 or I32).</param>
/// <param name="Shape">Dimensions, outermost first (empty for a scalar).</param>
public sealed record TorchTensorInfo(string Name, SafetensorsDType DType, IReadOnlyList<int> Shape)
{
    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public long ElementCount => FloatTensor.ElementCount(Shape);
}

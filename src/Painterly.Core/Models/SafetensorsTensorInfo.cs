namespace Painterly.Core.Models;

/// <summary>One validated tensor entry of a safetensors header.</summary>
/// <param name="Name">The tensor's key.</param>
/// <param name="DType">Element type as stored.</param>
/// <param name="Shape">Dimensions, outermost first (empty for a scalar).</param>
/// <param name="DataOffset">Start of the bytes, relative to the first byte after the header.</param>
/// <param name="ByteLength">Number of bytes; always matches the shape and dtype.</param>
public sealed record SafetensorsTensorInfo(string Name, SafetensorsDType DType, IReadOnlyList<int> Shape, long DataOffset, long ByteLength)
{
    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public long ElementCount => FloatTensor.ElementCount(Shape);
}

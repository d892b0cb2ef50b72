using Painterly.Core.Models;

namespace Painterly.Onnx;

/// <summary>
/// A constant tensor from an ONNX file (initializer, Constant node or attribute): float types decoded to
/// <see cref="Floats"/>, integer types to <see cref="Int64s"/>.
/// </summary>
/// <param name="Name">Tensor name.</param>
/// <param name="ElementType">Element type, e.g. <c>float32</c>, <c>int64</c>.</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Floats">Values of a float16/bfloat16/float32/float64 tensor as float32, else null.</param>
/// <param name="Int64s">Values of an integer or bool tensor, else null.</param>
public sealed record OnnxTensor(string Name, string ElementType, IReadOnlyList<long> Shape, float[]? Floats, long[]? Int64s)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>The tensor as a <see cref="FloatTensor"/>.</summary>
    /// <exception cref="InvalidDataException">It is not a float tensor.</exception>
    public FloatTensor ToFloatTensor() => Floats is null
        ? throw new InvalidDataException($"ONNX tensor '{Name}' is {ElementType}, not a float tensor.")
        : new FloatTensor([.. Shape.Select(d => checked((int)d))], Floats);
}

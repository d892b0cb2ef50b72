namespace Painterly.Onnx;

/// <summary>A graph input or output.</summary>
/// <param name="Name">Value name.</param>
/// <param name="ElementType">Element type, e.g. <c>float32</c>, <c>uint8</c>; <c>(not a tensor)</c> for sequences and maps.</param>
/// <param name="Shape">Dimensions, outermost first; null when the file gives no shape (any rank).</param>
public sealed record OnnxValueSummary(string Name, string ElementType, IReadOnlyList<OnnxDimension>? Shape)
{
    /// <summary>E.g. <c>image: float32[1, 3, height, width]</c>.</summary>
    public override string ToString() =>
        $"{Name}: {ElementType}{(Shape is null ? "[...]" : "[" + string.Join(", ", Shape) + "]")}";
}

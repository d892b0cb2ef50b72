namespace Painterly.Onnx;

/// <summary>One dimension of a tensor shape: a fixed size, a symbol such as <c>height</c>, or unknown.</summary>
/// <param name="Value">The size when fixed.</param>
/// <param name="Symbol">The name when symbolic.</param>
public readonly record struct OnnxDimension(long? Value, string? Symbol)
{
    /// <summary>The size, the symbol, or <c>?</c>.</summary>
    public override string ToString() =>
        Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (string.IsNullOrEmpty(Symbol) ? "?" : Symbol);
}

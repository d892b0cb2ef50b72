namespace Painterly.Onnx;

/// <summary>One node of an ONNX graph, with its attributes decoded into plain values.</summary>
/// <param name="Name">Node name (may be empty in foreign files).</param>
/// <param name="OpType">Operator, e.g. <c>Conv</c>.</param>
/// <param name="Domain">Operator domain; empty for the default <c>ai.onnx</c>.</param>
/// <param name="Inputs">Input value names; an empty string is an omitted optional input.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">Attributes by name: <see cref="long"/>, <see cref="float"/>, <see cref="string"/>,
/// <c>long[]</c>, <c>float[]</c>, <c>string[]</c> or <see cref="OnnxTensor"/>.</param>
public sealed record OnnxNode(
    string Name,
    string OpType,
    string Domain,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, object> Attributes)
{
    /// <summary>A label for messages: the name, or the op type and first output.</summary>
    public string Label => Name.Length > 0 ? Name : $"{OpType} -> {(Outputs.Count > 0 ? Outputs[0] : "?")}";

    /// <summary>An integer attribute, or <paramref name="fallback"/>.</summary>
    public long IntAttribute(string name, long fallback) => Attributes.TryGetValue(name, out var v) && v is long l ? l : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/>.</summary>
    public float FloatAttribute(string name, float fallback) => Attributes.TryGetValue(name, out var v) && v is float f ? f : fallback;

    /// <summary>A string attribute, or <paramref name="fallback"/>.</summary>
    public string StringAttribute(string name, string fallback) => Attributes.TryGetValue(name, out var v) && v is string s ? s : fallback;

    /// <summary>An integer-list attribute, or null.</summary>
    public long[]? IntsAttribute(string name) => Attributes.TryGetValue(name, out var v) && v is long[] l ? l : null;
}

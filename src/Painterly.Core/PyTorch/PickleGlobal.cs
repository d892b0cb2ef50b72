namespace Painterly.Core.PyTorch;

/// <summary>
/// A Python global (a module attribute such as <c>collections.OrderedDict</c>) that a pickle names. The reader
/// creates one only for the few globals a state_dict needs; it is a name, never something that runs.
/// </summary>
/// <param name="Module">The module, e.g. <c>torch._utils</c>.</param>
/// <param name="Name">The attribute, e.g. <c>_rebuild_tensor_v2</c>.</param>
public sealed record PickleGlobal(string Module, string Name)
{
    /// <summary>The dotted name, e.g. <c>torch._utils._rebuild_tensor_v2</c>.</summary>
    public string FullName => Module + "." + Name;

    /// <inheritdoc/>
    public override string ToString() => FullName;
}

using System.Collections.Frozen;
using Painterly.Core.Models;

namespace Painterly.Core.PyTorch;

/// <summary>
/// The only Python globals a pickled state_dict needs, which <see cref="PickleReader"/> accepts; naming any
/// other global refuses the whole file before anything could run.
/// </summary>
internal static class StateDictGlobals
{
    /// <summary><c>collections.OrderedDict</c>: every state_dict, and the empty backward-hooks argument.</summary>
    public static readonly PickleGlobal OrderedDict = new("collections", "OrderedDict");

    /// <summary><c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])</c>.</summary>
    public static readonly PickleGlobal RebuildTensorV2 = new("torch._utils", "_rebuild_tensor_v2");

    /// <summary><c>torch._utils._rebuild_tensor(storage, offset, size, stride)</c>, from torch &lt; 0.4.</summary>
    public static readonly PickleGlobal RebuildTensor = new("torch._utils", "_rebuild_tensor");

    /// <summary><c>torch._utils._rebuild_parameter(data, requires_grad, hooks)</c>.</summary>
    public static readonly PickleGlobal RebuildParameter = new("torch._utils", "_rebuild_parameter");

    private static readonly FrozenDictionary<string, SafetensorsDType> StorageTypes = new Dictionary<string, SafetensorsDType>(StringComparer.Ordinal)
    {
        ["FloatStorage"] = SafetensorsDType.F32,
        ["HalfStorage"] = SafetensorsDType.F16,
        ["BFloat16Storage"] = SafetensorsDType.BF16,
        ["DoubleStorage"] = SafetensorsDType.F64,
        ["LongStorage"] = SafetensorsDType.I64,
        ["IntStorage"] = SafetensorsDType.I32,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PickleGlobal> Allowed =
        new[] { OrderedDict, RebuildTensorV2, RebuildTensor, RebuildParameter }
            .Concat(StorageTypes.Keys.Select(name => new PickleGlobal("torch", name)))
            .ToFrozenDictionary(g => g.FullName, StringComparer.Ordinal);

    /// <summary>The global <paramref name="module"/>.<paramref name="name"/> if a state_dict may name it.</summary>
    /// <exception cref="InvalidDataException">Any other global: the file is refused.</exception>
    public static PickleGlobal Resolve(string module, string name) =>
        Allowed.TryGetValue(module + "." + name, out var global)
            ? global
            : throw new InvalidDataException(
                $"refusing to load: the checkpoint names the Python global {PickleDisplay.Text(module + "." + name)}, which a state_dict never needs; nothing was executed.");

    /// <summary>The element type of a storage class such as <c>torch.FloatStorage</c>.</summary>
    public static bool TryGetStorageDType(PickleGlobal global, out SafetensorsDType dtype)
    {
        dtype = default;
        return global.Module == "torch" && StorageTypes.TryGetValue(global.Name, out dtype);
    }
}

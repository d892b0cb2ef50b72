using System.Diagnostics.CodeAnalysis;
using Painterly.Core.Models;

namespace Painterly.Core.PyTorch;

/// <summary>
/// Resolves the persistent ids of a checkpoint's pickle to <see cref="TorchStorage"/> descriptions, one per
/// storage key however many tensors share it. The ids are
/// <c>('storage', storage_type, key, location, numel)</c> in the zip format and
/// <c>('storage', storage_type, root_key, location, numel, view_metadata)</c> in the legacy one, where
/// <c>view_metadata</c> is None or <c>(view_key, offset, numel)</c> (storage views, torch &lt; 0.4).
/// The location (<c>cpu</c>, <c>cuda:0</c>) is ignored: the bytes are the same.
/// </summary>
internal sealed class TorchStorageTable
{
    private readonly bool legacy;
    private readonly long maxBytes;
    private readonly Dictionary<string, TorchStorage> roots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TorchStorage> views = new(StringComparer.Ordinal);

    /// <summary>A table for the <paramref name="legacy"/> or zip format, refusing storages over <paramref name="maxBytes"/>.</summary>
    public TorchStorageTable(bool legacy, long maxBytes)
    {
        this.legacy = legacy;
        this.maxBytes = maxBytes;
    }

    /// <summary>Finds the root storage called <paramref name="key"/>.</summary>
    public bool TryGetRoot(string key, [MaybeNullWhen(false)] out TorchStorage storage) => roots.TryGetValue(key, out storage);

    /// <summary>The persistent-load callback for <see cref="PickleReader.ReadObject"/>.</summary>
    /// <exception cref="InvalidDataException">The id is not a well-formed storage reference.</exception>
    public object Load(object? id)
    {
        int arity = legacy ? 6 : 5;
        if (id is not PickleTuple tuple || tuple.Count != arity || tuple[0] is not "storage")
        {
            throw new InvalidDataException(
                $"a persistent id is a {PickleDisplay.TypeName(id)}{(id is PickleTuple t ? $" of {t.Count}" : "")}, not a storage reference ('storage', type, key, location, numel{(legacy ? ", view" : "")}).");
        }

        if (tuple[1] is not PickleGlobal type || !StateDictGlobals.TryGetStorageDType(type, out var dtype))
        {
            throw new InvalidDataException($"a storage's type is a {PickleDisplay.TypeName(tuple[1])}, not a torch storage class.");
        }

        string key = tuple[2] as string ?? throw new InvalidDataException($"a storage key is a {PickleDisplay.TypeName(tuple[2])}, not a str.");
        long maxCount = maxBytes / SafetensorsDecoder.ElementSize(dtype);
        long count = tuple[4] is long n && n >= 0 && n <= maxCount
            ? n
            : throw new InvalidDataException($"storage '{PickleDisplay.Text(key)}' has an element count ({Describe(tuple[4])}) outside 0..{maxCount}.");

        var root = Root(key, dtype, count);
        return legacy && tuple[5] is not null ? View(root, tuple[5]) : root;
    }

    private TorchStorage Root(string key, SafetensorsDType dtype, long count)
    {
        if (!roots.TryGetValue(key, out var root))
        {
            root = new TorchStorage(key, dtype, count);
            roots.Add(key, root);
        }
        else if (root.DType != dtype || root.ElementCount != count)
        {
            throw new InvalidDataException(
                $"storage '{PickleDisplay.Text(key)}' is described as {root.ElementCount} {root.DType.ToHeaderName()} and as {count} {dtype.ToHeaderName()} elements.");
        }

        return root;
    }

    private TorchStorage View(TorchStorage root, object? metadata)
    {
        if (metadata is not PickleTuple { Count: 3 } view || view[0] is not string viewKey
            || view[1] is not long offset || view[2] is not long count
            || offset < 0 || count < 0 || offset > root.ElementCount - count)
        {
            throw new InvalidDataException(
                $"storage '{PickleDisplay.Text(root.Key)}' has a view that is not (key, offset, numel) within its {root.ElementCount} elements.");
        }

        if (!views.TryGetValue(viewKey, out var storage))
        {
            storage = TorchStorage.ViewOf(viewKey, root, offset, count);
            views.Add(viewKey, storage);
        }

        return storage;
    }

    private static string Describe(object? value) =>
        value is long or System.Numerics.BigInteger ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)! : "a " + PickleDisplay.TypeName(value);
}

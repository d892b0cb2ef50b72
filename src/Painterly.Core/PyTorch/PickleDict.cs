namespace Painterly.Core.PyTorch;

/// <summary>
/// A Python dict (or OrderedDict) read from a pickle, in insertion order. Keys follow Python's equality
/// (see <see cref="TryGetValue"/>); None is a valid key.
/// </summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> entries = [];
    private readonly Dictionary<object, int> index = new(PickleKeyComparer.Instance);

    // Dictionary refuses null keys; Python's None is stored under this stand-in.
    private static readonly object NoneKey = new();

    /// <summary>Number of entries.</summary>
    public int Count => entries.Count;

    /// <summary>The entries, in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<object?, object?>> Entries => entries;

    /// <summary>The keys, in insertion order.</summary>
    public IEnumerable<object?> Keys => entries.Select(e => e.Key);

    /// <summary>The values, in insertion order.</summary>
    public IEnumerable<object?> Values => entries.Select(e => e.Value);

    /// <summary>Finds the value stored under <paramref name="key"/>; <c>1</c>, <c>1.0</c> and <c>True</c> are one key, as in Python.</summary>
    public bool TryGetValue(object? key, out object? value)
    {
        if (PickleKeyComparer.IsHashable(key) && index.TryGetValue(key ?? NoneKey, out int at))
        {
            value = entries[at].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>A short description, e.g. <c>dict of 3</c>; entries are not listed, as they may nest deeply.</summary>
    public override string ToString() => $"dict of {entries.Count}";

    /// <summary>
    /// Python's <c>d[key] = value</c>: a new key goes last, an existing one keeps its place. False, and nothing
    /// stored, when <paramref name="key"/> is unhashable (a list, a dict, or a tuple holding one).
    /// </summary>
    internal bool TrySet(object? key, object? value)
    {
        if (!PickleKeyComparer.IsHashable(key))
        {
            return false;
        }

        if (index.TryGetValue(key ?? NoneKey, out int at))
        {
            entries[at] = new(entries[at].Key, value);
        }
        else
        {
            index.Add(key ?? NoneKey, entries.Count);
            entries.Add(new(key, value));
        }

        return true;
    }
}

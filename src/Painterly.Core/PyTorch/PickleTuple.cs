using System.Collections;

namespace Painterly.Core.PyTorch;

/// <summary>An immutable Python tuple read from a pickle. Equality is by value, as for Python tuples.</summary>
public sealed class PickleTuple : IReadOnlyList<object?>, IEquatable<PickleTuple>
{
    private readonly object?[] items;
    private readonly int hash;

    /// <summary>Creates a tuple of <paramref name="items"/> (copied).</summary>
    public PickleTuple(IEnumerable<object?> items)
        : this(items?.ToArray() ?? throw new ArgumentNullException(nameof(items)))
    {
    }

    private PickleTuple(object?[] items)
    {
        this.items = items;
        var combined = new HashCode();
        foreach (var item in items)
        {
            // Element hashes are cached (tuples) or flat, so building a hash never recurses.
            combined.Add(PickleKeyComparer.HashOf(item));
            if (item is PickleTuple inner)
            {
                Depth = Math.Max(Depth, inner.Depth);
            }

            IsHashable &= PickleKeyComparer.IsHashable(item);
        }

        Depth++;
        hash = combined.ToHashCode();
    }

    /// <summary>The empty tuple.</summary>
    public static PickleTuple Empty { get; } = new(Array.Empty<object?>());

    /// <summary>Number of items.</summary>
    public int Count => items.Length;

    /// <summary>How deeply tuples nest in this one (1 when no item is a tuple). Bounded by the reader, so
    /// equality, which recurses through nested tuples, cannot exhaust the call stack.</summary>
    internal int Depth { get; }

    /// <summary>Whether Python could hash this tuple (no list or dict inside), i.e. use it as a dict key.</summary>
    internal bool IsHashable { get; } = true;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public object? this[int index] => items[index];

    /// <summary>Wraps <paramref name="items"/> without copying; the caller gives up the array.</summary>
    internal static PickleTuple Own(object?[] items) => items.Length == 0 ? Empty : new(items);

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Item-by-item equality, with Python's rules for numbers (1 == 1.0 == True).</summary>
    public bool Equals(PickleTuple? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.hash != hash || other.items.Length != items.Length)
        {
            return false;
        }

        for (int i = 0; i < items.Length; i++)
        {
            if (!PickleKeyComparer.Instance.Equals(items[i], other.items[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PickleTuple);

    /// <inheritdoc/>
    public override int GetHashCode() => hash;

    /// <summary>A short description, e.g. <c>tuple of 3</c>; items are not listed, as they may nest deeply.</summary>
    public override string ToString() => $"tuple of {items.Length}";
}

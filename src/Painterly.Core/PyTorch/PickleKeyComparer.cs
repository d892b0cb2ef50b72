using System.Numerics;
using System.Runtime.CompilerServices;

namespace Painterly.Core.PyTorch;

/// <summary>
/// Python's equality for dict keys read from a pickle: strings by value, numbers by value across int, float
/// and bool, bytes and tuples by content, everything else by identity. Hashes go through the randomised
/// <see cref="HashCode"/>, so a hostile file cannot pick keys that all collide.
/// </summary>
internal sealed class PickleKeyComparer : IEqualityComparer<object?>
{
    private PickleKeyComparer()
    {
    }

    /// <summary>The comparer.</summary>
    public static PickleKeyComparer Instance { get; } = new();

    /// <summary>Whether Python could hash <paramref name="value"/>: lists, dicts and tuples holding them cannot.</summary>
    public static bool IsHashable(object? value) => value switch
    {
        List<object?> or PickleDict => false,
        PickleTuple tuple => tuple.IsHashable,
        _ => true,
    };

    /// <inheritdoc/>
    public new bool Equals(object? x, object? y)
    {
        x = Canonical(x);
        y = Canonical(y);
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return (x, y) switch
        {
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (long a, long b) => a == b,
            (double a, double b) => a.Equals(b),
            (BigInteger a, BigInteger b) => a == b,
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (PickleTuple a, PickleTuple b) => a.Equals(b),
            (PickleGlobal a, PickleGlobal b) => a.Equals(b),
            _ => false,
        };
    }

    /// <inheritdoc/>
    public int GetHashCode(object? obj) => HashOf(obj);

    /// <summary>The hash of <paramref name="value"/> under this comparer; null is allowed.</summary>
    public static int HashOf(object? value)
    {
        switch (Canonical(value))
        {
            case null:
                return 0;
            case string s:
                return StringComparer.Ordinal.GetHashCode(s);
            case long l:
                return HashCode.Combine((int)l, (int)(l >> 32));
            case double d:
                long bits = BitConverter.DoubleToInt64Bits(d);
                return HashCode.Combine((int)bits, (int)(bits >> 32), 1);
            case BigInteger big:
                return HashBytes(big.ToByteArray());
            case byte[] bytes:
                return HashBytes(bytes);
            case PickleTuple tuple:
                return tuple.GetHashCode();
            case PickleGlobal global:
                return global.GetHashCode();
            case var other:
                return RuntimeHelpers.GetHashCode(other);
        }
    }

    // Python's 1 == 1.0 == True: numbers that are equal in value compare and hash alike.
    private static object? Canonical(object? value) => value switch
    {
        bool b => b ? 1L : 0L,
        BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        double d when Math.Floor(d) == d && d >= -9.2233720368547758e18 && d < 9.2233720368547758e18 => (long)d,
        _ => value,
    };

    private static int HashBytes(byte[] bytes)
    {
        var hash = new HashCode();
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}

namespace Painterly.Core.Models;

/// <summary>Names and sizes of <see cref="SafetensorsDType"/> values as the format spells them.</summary>
public static class SafetensorsDTypeExtensions
{
    private static readonly (SafetensorsDType Type, string Name, int Bits)[] Table =
    [
        (SafetensorsDType.Bool, "BOOL", 8),
        (SafetensorsDType.U8, "U8", 8),
        (SafetensorsDType.I8, "I8", 8),
        (SafetensorsDType.I16, "I16", 16),
        (SafetensorsDType.U16, "U16", 16),
        (SafetensorsDType.I32, "I32", 32),
        (SafetensorsDType.U32, "U32", 32),
        (SafetensorsDType.I64, "I64", 64),
        (SafetensorsDType.U64, "U64", 64),
        (SafetensorsDType.F16, "F16", 16),
        (SafetensorsDType.BF16, "BF16", 16),
        (SafetensorsDType.F32, "F32", 32),
        (SafetensorsDType.F64, "F64", 64),
        (SafetensorsDType.C64, "C64", 64),
        (SafetensorsDType.F8E5M2, "F8_E5M2", 8),
        (SafetensorsDType.F8E4M3, "F8_E4M3", 8),
        (SafetensorsDType.F8E8M0, "F8_E8M0", 8),
        (SafetensorsDType.F6E2M3, "F6_E2M3", 6),
        (SafetensorsDType.F6E3M2, "F6_E3M2", 6),
        (SafetensorsDType.F4, "F4", 4),
    ];

    /// <summary>The header spelling, e.g. <c>F32</c> or <c>F8_E4M3</c>.</summary>
    public static string ToHeaderName(this SafetensorsDType dtype) => Entry(dtype).Name;

    /// <summary>Bits per element; sub-byte types (F4, F6) are packed.</summary>
    public static int BitSize(this SafetensorsDType dtype) => Entry(dtype).Bits;

    /// <summary>Whether the dtype holds real numbers that a network's weights can be (as opposed to integers or bools).</summary>
    public static bool IsFloatingPoint(this SafetensorsDType dtype) =>
        dtype is not (SafetensorsDType.Bool or SafetensorsDType.U8 or SafetensorsDType.I8 or SafetensorsDType.I16 or
            SafetensorsDType.U16 or SafetensorsDType.I32 or SafetensorsDType.U32 or SafetensorsDType.I64 or
            SafetensorsDType.U64 or SafetensorsDType.C64);

    /// <summary>Parses a header spelling (case-sensitive, as the format requires).</summary>
    public static bool TryParse(string name, out SafetensorsDType dtype)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Name, name, StringComparison.Ordinal))
            {
                dtype = entry.Type;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    private static (SafetensorsDType Type, string Name, int Bits) Entry(SafetensorsDType dtype)
    {
        foreach (var entry in Table)
        {
            if (entry.Type == dtype)
            {
                return entry;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype.");
    }
}

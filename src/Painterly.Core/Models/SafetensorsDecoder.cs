using System.Buffers.Binary;

namespace Painterly.Core.Models;

/// <summary>Converts little-endian tensor bytes of the float-like dtypes to float32.</summary>
internal static class SafetensorsDecoder
{
    /// <summary>Whether <see cref="Decode"/> handles <paramref name="dtype"/>.</summary>
    public static bool CanDecode(SafetensorsDType dtype) => dtype is
        SafetensorsDType.F32 or SafetensorsDType.F16 or SafetensorsDType.BF16 or
        SafetensorsDType.F64 or SafetensorsDType.I64 or SafetensorsDType.I32;

    /// <summary>Bytes per element of a decodable dtype.</summary>
    public static int ElementSize(SafetensorsDType dtype) => dtype.BitSize() / 8;

    /// <summary>Decodes <c>destination.Length</c> elements from <paramref name="source"/>.</summary>
    public static void Decode(SafetensorsDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        int size = ElementSize(dtype);
        for (int i = 0; i < destination.Length; i++)
        {
            var bytes = source.Slice(i * size, size);
            destination[i] = dtype switch
            {
                SafetensorsDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                SafetensorsDType.F16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),

                // bfloat16 is the top half of a float32, so widening is exact (NaN payloads included).
                SafetensorsDType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16),
                SafetensorsDType.F64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                SafetensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
                SafetensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                _ => throw new NotSupportedException($"Cannot decode {dtype.ToHeaderName()} as float32."),
            };
        }
    }
}

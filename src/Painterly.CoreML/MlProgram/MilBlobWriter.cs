using System.Buffers;
using System.Buffers.Binary;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Builds a <c>weight.bin</c> in the MIL blob storage format (see <see cref="MilBlobFormat"/>), one float tensor
/// at a time, in memory (a style network's weights are a few MB).
/// </summary>
internal sealed class MilBlobWriter
{
    private readonly ArrayBufferWriter<byte> data = new();
    private uint count;

    public MilBlobWriter()
    {
        // The header is filled in with the final count by ToArray.
        Zeros(MilBlobFormat.RecordSize);
    }

    /// <summary>Number of blobs written.</summary>
    public int Count => (int)count;

    /// <summary>Appends <paramref name="values"/> as float16 or float32; returns the offset of its metadata record.</summary>
    /// <exception cref="ArgumentException">A value does not fit float16 (<paramref name="name"/> names the tensor).</exception>
    public ulong Add(ReadOnlySpan<float> values, bool fp16, string name)
    {
        int elementSize = fp16 ? 2 : 4;
        var bytes = new byte[values.Length * elementSize];
        for (int i = 0; i < values.Length; i++)
        {
            if (fp16)
            {
                var half = (Half)values[i];
                if (Half.IsInfinity(half) && !float.IsInfinity(values[i]))
                {
                    throw new ArgumentException($"Weight '{name}' holds {values[i]}, beyond float16's range (65504); export with float32 weights (--fp32).");
                }

                BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(2 * i), half);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
            }
        }

        long metadataOffset = MilBlobFormat.Align(data.WrittenCount);
        long dataOffset = metadataOffset + MilBlobFormat.RecordSize;
        var metadata = new byte[MilBlobFormat.RecordSize];
        BinaryPrimitives.WriteUInt32LittleEndian(metadata, MilBlobFormat.Sentinel);
        BinaryPrimitives.WriteUInt32LittleEndian(metadata.AsSpan(4), fp16 ? MilBlobFormat.Float16 : MilBlobFormat.Float32);
        BinaryPrimitives.WriteUInt64LittleEndian(metadata.AsSpan(8), (ulong)bytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(metadata.AsSpan(16), (ulong)dataOffset);

        // Bytes 24-63: the sub-byte padding count and four reserved words, all zero (iOS 18 readers expect zeros).
        Zeros((int)(metadataOffset - data.WrittenCount));
        data.Write(metadata);
        data.Write(bytes);
        count++;
        return (ulong)metadataOffset;
    }

    /// <summary>The file's bytes. Like Apple's writer, the last blob's data is not padded.</summary>
    public byte[] ToArray()
    {
        var bytes = data.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, count);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), MilBlobFormat.Version);
        return bytes;
    }

    private void Zeros(int length)
    {
        data.GetSpan(length)[..length].Clear();
        data.Advance(length);
    }
}

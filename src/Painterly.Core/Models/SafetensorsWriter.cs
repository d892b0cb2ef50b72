using Painterly.Core.IO;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Painterly.Core.Models;

/// <summary>Writes float32 tensors as a safetensors file, stored as F32 or F16.</summary>
public static class SafetensorsWriter
{
    private const int ChunkElements = 1 << 14;

    /// <summary>
    /// Writes <paramref name="tensors"/> (in the given order) to <paramref name="path"/> atomically: the file
    /// appears complete or not at all, and an existing file is only replaced once the new one is fully written.
    /// </summary>
    /// <param name="path">Target file; replaced if it exists.</param>
    /// <param name="metadata">String entries for <c>__metadata__</c>; omitted from the header when null or empty.</param>
    /// <param name="tensors">Names and values; names must be unique and not <c>__metadata__</c>.</param>
    /// <param name="storage"><see cref="SafetensorsDType.F32"/> (bit-exact) or <see cref="SafetensorsDType.F16"/>
    /// (round-to-nearest-even; magnitudes beyond 65504 become infinities, as with PyTorch's <c>half()</c>).</param>
    public static void Write(
        string path,
        IReadOnlyDictionary<string, string>? metadata,
        IEnumerable<(string Name, FloatTensor Tensor)> tensors,
        SafetensorsDType storage = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(path);

        // Validate and build the header first, so bad arguments never create even a temporary file.
        var list = Prepare(tensors, storage);
        byte[] header = BuildHeader(metadata, list, storage);
        AtomicFile.Write(path, stream => WriteBody(stream, header, list, storage));
    }

    /// <summary>Writes a safetensors file to <paramref name="stream"/> at its current position.</summary>
    /// <inheritdoc cref="Write(string, IReadOnlyDictionary{string, string}?, IEnumerable{ValueTuple{string, FloatTensor}}, SafetensorsDType)"/>
    public static void Write(
        Stream stream,
        IReadOnlyDictionary<string, string>? metadata,
        IEnumerable<(string Name, FloatTensor Tensor)> tensors,
        SafetensorsDType storage = SafetensorsDType.F32)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var list = Prepare(tensors, storage);
        byte[] header = BuildHeader(metadata, list, storage);
        WriteBody(stream, header, list, storage);
    }

    private static List<(string Name, FloatTensor Tensor)> Prepare(IEnumerable<(string Name, FloatTensor Tensor)> tensors, SafetensorsDType storage)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (storage is not (SafetensorsDType.F32 or SafetensorsDType.F16))
        {
            throw new ArgumentException($"Can only store F32 or F16, not {storage.ToHeaderName()}.", nameof(storage));
        }

        var list = tensors.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in list)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(tensors));
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (name == SafetensorsHeader.MetadataKey || !names.Add(name))
            {
                throw new ArgumentException($"Tensor name '{name}' is reserved or repeated.", nameof(tensors));
            }

            if (tensor.Shape.Length > SafetensorsHeader.MaxRank)
            {
                throw new ArgumentException($"Tensor '{name}' has rank {tensor.Shape.Length}, more than {SafetensorsHeader.MaxRank}.", nameof(tensors));
            }
        }

        return list;
    }

    // The header is compact JSON like the reference writer's, padded with spaces so the data starts 8-byte aligned.
    private static byte[] BuildHeader(IReadOnlyDictionary<string, string>? metadata, List<(string Name, FloatTensor Tensor)> tensors, SafetensorsDType storage)
    {
        var buffer = new ArrayBufferWriter<byte>();

        // Relaxed escaping keeps non-ASCII text (artist names) readable; quotes and control characters are still escaped.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsHeader.MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            int elementBytes = storage.BitSize() / 8;
            foreach (var (name, tensor) in tensors)
            {
                long end = checked(offset + ((long)tensor.Data.Length * elementBytes));
                json.WriteStartObject(name);
                json.WriteString("dtype", storage.ToHeaderName());
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }

            json.WriteEndObject();
        }

        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        if (padded > SafetensorsHeader.MaxLength)
        {
            throw new ArgumentException($"Header would be {padded} bytes, more than readers accept ({SafetensorsHeader.MaxLength}).", nameof(metadata));
        }

        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteBody(Stream stream, byte[] header, List<(string Name, FloatTensor Tensor)> tensors, SafetensorsDType storage)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var (_, tensor) in tensors)
        {
            if (storage == SafetensorsDType.F32 && BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(tensor.Data.AsSpan()));
            }
            else
            {
                WriteConverted(stream, tensor.Data, storage);
            }
        }

        stream.Flush();
    }

    private static void WriteConverted(Stream stream, float[] data, SafetensorsDType storage)
    {
        int size = storage.BitSize() / 8;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkElements * size);
        try
        {
            for (int done = 0; done < data.Length; done += ChunkElements)
            {
                int n = Math.Min(ChunkElements, data.Length - done);
                for (int i = 0; i < n; i++)
                {
                    var slot = buffer.AsSpan(i * size, size);
                    if (storage == SafetensorsDType.F16)
                    {
                        // The float-to-Half conversion rounds to nearest, ties to even (IEEE 754).
                        BinaryPrimitives.WriteHalfLittleEndian(slot, (Half)data[done + i]);
                    }
                    else
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(slot, data[done + i]);
                    }
                }

                stream.Write(buffer, 0, n * size);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

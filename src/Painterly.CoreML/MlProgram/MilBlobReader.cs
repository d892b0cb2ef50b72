using System.Buffers.Binary;

namespace Painterly.CoreML.MlProgram;

/// <summary>
/// Reads float tensors out of a MIL blob storage file held in memory, trusting nothing: the header's count, every
/// metadata record's sentinel, data type, size and data offset are checked against the file before a value is read,
/// and no allocation is sized by a number from the file that the file's length does not bound.
/// </summary>
internal sealed class MilBlobReader
{
    private readonly byte[] file;
    private readonly string source;

    /// <summary>Checks the header of <paramref name="file"/>.</summary>
    /// <exception cref="InvalidDataException">Not a version-2 blob storage file.</exception>
    public MilBlobReader(byte[] file, string source)
    {
        this.file = file;
        this.source = source;
        if (file.Length < MilBlobFormat.RecordSize)
        {
            throw Bad($"is {file.Length} bytes, shorter than the {MilBlobFormat.RecordSize}-byte header");
        }

        Count = BinaryPrimitives.ReadUInt32LittleEndian(file);
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));
        if (version != MilBlobFormat.Version)
        {
            throw Bad($"has storage version {version}; ML Program weights use version {MilBlobFormat.Version}");
        }

        // Each blob takes at least a metadata record, so the file's length bounds the count.
        if (Count > (file.Length - MilBlobFormat.RecordSize) / MilBlobFormat.RecordSize)
        {
            throw Bad($"declares {Count} blobs, more than its {file.Length} bytes can hold");
        }
    }

    /// <summary>The blob count the header declares.</summary>
    public uint Count { get; }

    /// <summary>The data type code and byte size of the blob whose metadata record is at <paramref name="offset"/>.</summary>
    /// <exception cref="InvalidDataException">The record or its data lies outside the file or is malformed.</exception>
    public (uint DataType, long Bytes, long DataOffset) Describe(ulong offset)
    {
        if (offset % MilBlobFormat.Alignment != 0 || offset < MilBlobFormat.RecordSize || offset > (ulong)(file.Length - MilBlobFormat.RecordSize))
        {
            throw Bad($"has no blob at offset {offset} (offsets are 64-byte aligned, after the header, inside the {file.Length}-byte file)");
        }

        var record = file.AsSpan((int)offset, MilBlobFormat.RecordSize);
        uint sentinel = BinaryPrimitives.ReadUInt32LittleEndian(record);
        if (sentinel != MilBlobFormat.Sentinel)
        {
            throw Bad($"blob at offset {offset} has sentinel 0x{sentinel:X8}, not 0xDEADBEEF (not a blob record)");
        }

        uint dataType = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(record[8..]);
        ulong dataOffset = BinaryPrimitives.ReadUInt64LittleEndian(record[16..]);
        if (dataOffset % MilBlobFormat.Alignment != 0 || dataOffset < offset + MilBlobFormat.RecordSize || dataOffset > (ulong)file.Length || size > (ulong)file.Length - dataOffset)
        {
            throw Bad($"blob at offset {offset} claims {size} bytes at offset {dataOffset}, outside the {file.Length}-byte file or unaligned");
        }

        return (dataType, (long)size, (long)dataOffset);
    }

    /// <summary>The values of the float16 or float32 blob at <paramref name="offset"/>, which must hold <paramref name="count"/>.</summary>
    /// <exception cref="InvalidDataException">The blob is malformed, of another type or another size.</exception>
    public float[] ReadFloats(ulong offset, long count, bool fp16)
    {
        var (dataType, bytes, dataOffset) = Describe(offset);
        uint expected = fp16 ? MilBlobFormat.Float16 : MilBlobFormat.Float32;
        if (dataType != expected)
        {
            throw Bad($"blob at offset {offset} has data type {dataType}; the program declares {(fp16 ? "float16 (1)" : "float32 (2)")}");
        }

        int size = fp16 ? 2 : 4;
        if (count < 0 || bytes % size != 0 || bytes / size != count)
        {
            throw Bad($"blob at offset {offset} holds {bytes} bytes; the program's tensor needs {count} values of {size} bytes");
        }

        var data = file.AsSpan((int)dataOffset, (int)bytes);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = fp16 ? (float)BinaryPrimitives.ReadHalfLittleEndian(data[(2 * i)..]) : BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        }

        return values;
    }

    private InvalidDataException Bad(string problem) => new($"'{source}' {problem}; re-export the package.");
}

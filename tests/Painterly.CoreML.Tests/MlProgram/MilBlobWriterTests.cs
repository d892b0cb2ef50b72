using System.Buffers.Binary;
using Painterly.CoreML.MlProgram;

namespace Painterly.CoreML.Tests.MlProgram;

/// <summary>The weights file byte by byte: Apple's blob storage format, version 2.</summary>
public sealed class MilBlobWriterTests
{
    [Fact]
    public void Header_holds_the_count_and_version_then_zeros()
    {
        var writer = new MilBlobWriter();
        writer.Add([1f, 2f, 3f], fp16: false, "a");
        writer.Add([4f], fp16: true, "b");
        var bytes = writer.ToArray();

        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.All(bytes[8..64], b => Assert.Equal(0, b));
        Assert.Equal(64 + 64 + 12 + 52 + 64 + 2, bytes.Length); // the last blob ends the file, unpadded, as Apple's writer leaves it
    }

    [Fact]
    public void Each_blob_has_a_64_byte_metadata_record_with_the_sentinel_type_size_and_aligned_data_offset()
    {
        var writer = new MilBlobWriter();
        ulong first = writer.Add([1f, 2f, 3f], fp16: false, "a");
        ulong second = writer.Add([0.5f, -2f], fp16: true, "b");
        var bytes = writer.ToArray();

        Assert.Equal(64ul, first);
        Assert.Equal(192ul, second); // 64 header + 64 record + 12 data, rounded up to 64.
        AssertRecord(bytes, first, dataType: 2, size: 12, dataOffset: 128);
        AssertRecord(bytes, second, dataType: 1, size: 4, dataOffset: 256);
        Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(132)));
        Assert.Equal((Half)(-2f), BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(258)));
        Assert.All(bytes[140..192], b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_weight_beyond_float16_fails_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new MilBlobWriter().Add([1e6f], fp16: true, "conv1 weight"));

        Assert.Contains("conv1 weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("--fp32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reader_reads_back_what_the_writer_wrote()
    {
        var writer = new MilBlobWriter();
        ulong offset = writer.Add([1f, 2.5f, -3f], fp16: true, "a");
        var reader = new MilBlobReader(writer.ToArray(), "w");

        Assert.Equal([1f, 2.5f, -3f], reader.ReadFloats(offset, 3, fp16: true));
    }

    private static void AssertRecord(byte[] bytes, ulong offset, uint dataType, ulong size, ulong dataOffset)
    {
        var record = bytes.AsSpan((int)offset, 64);
        Assert.Equal(0xDEADBEEFu, BinaryPrimitives.ReadUInt32LittleEndian(record));
        Assert.Equal(dataType, BinaryPrimitives.ReadUInt32LittleEndian(record[4..]));
        Assert.Equal(size, BinaryPrimitives.ReadUInt64LittleEndian(record[8..]));
        Assert.Equal(dataOffset, BinaryPrimitives.ReadUInt64LittleEndian(record[16..]));
        Assert.Equal(0ul, dataOffset % 64);
        Assert.All(record[24..].ToArray(), b => Assert.Equal(0, b));
    }
}

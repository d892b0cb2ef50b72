using System.Buffers.Binary;
using System.Text;
using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

public class SafetensorsReaderTests
{
    private const string TwoTensorHeader =
        """{"__metadata__":{"format":"test","note":"héllo"},"b":{"dtype":"F16","shape":[1,3],"data_offsets":[8,14]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}  """;

    private static byte[] TwoTensorFile()
    {
        var data = new byte[14];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(0), 1.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -2f);
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(8), 0x3C00);   // 1.0
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(10), 0xB800);  // -0.5
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(12), 0x7C00);  // +inf
        return SafetensorsBytes.Build(TwoTensorHeader, data);
    }

    [Fact]
    public void HandBuiltFile_HeaderFieldsAreExact()
    {
        using var file = SafetensorsFile.Open(TwoTensorFile(), "two.safetensors");

        Assert.Equal("two.safetensors", file.SourceName);
        Assert.Equal(8 + Encoding.UTF8.GetByteCount(TwoTensorHeader), file.DataStart);
        Assert.Equal(new Dictionary<string, string> { ["format"] = "test", ["note"] = "héllo" }, file.Metadata);
        Assert.Equal(2, file.Tensors.Count);

        var a = file.Tensors[0];
        Assert.Equal("a", a.Name);
        Assert.Equal(SafetensorsDType.F32, a.DType);
        Assert.Equal([2], a.Shape);
        Assert.Equal(0, a.DataOffset);
        Assert.Equal(8, a.ByteLength);
        Assert.Equal(2, a.ElementCount);

        var b = file.Tensors[1];
        Assert.Equal("b", b.Name);
        Assert.Equal(SafetensorsDType.F16, b.DType);
        Assert.Equal([1, 3], b.Shape);
        Assert.Equal(8, b.DataOffset);
        Assert.Equal(6, b.ByteLength);
    }

    [Fact]
    public void HandBuiltFile_ValuesAreDecoded()
    {
        using var file = SafetensorsFile.Open(TwoTensorFile());

        var a = file.ReadFloat32("a");
        Assert.Equal([2], a.Shape);
        Assert.Equal([1.5f, -2f], a.Data);

        var b = file.ReadFloat32("b");
        Assert.Equal([1, 3], b.Shape);
        Assert.Equal([1f, -0.5f, float.PositiveInfinity], b.Data);
    }

    [Fact]
    public void OpensFromPathSeekableStreamAtOffsetAndNonSeekableStream()
    {
        var bytes = TwoTensorFile();
        string dir = SafetensorsBytes.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "two.safetensors");
            File.WriteAllBytes(path, bytes);
            using (var fromPath = SafetensorsFile.Open(path))
            {
                Assert.Equal([1.5f, -2f], fromPath.ReadFloat32("a").Data);
            }

            // A file embedded after other bytes: reading starts at the stream's position.
            var padded = new MemoryStream([0xAA, 0xBB, 0xCC, .. bytes]) { Position = 3 };
            using (var atOffset = SafetensorsFile.Open(padded, "embedded", leaveOpen: true))
            {
                Assert.Equal([1f, -0.5f, float.PositiveInfinity], atOffset.ReadFloat32("b").Data);
            }

            Assert.True(padded.CanRead, "leaveOpen keeps the caller's stream open");

            using var nonSeekable = SafetensorsFile.Open(new NonSeekableStream(bytes), "pipe");
            Assert.Equal([1.5f, -2f], nonSeekable.ReadFloat32("a").Data);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReadsBf16F64I64AndI32AsFloat()
    {
        var data = new byte[2 * 2 + 8 * 2 + 8 + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(0), 0x3FC0);   // bf16 1.5
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2), 0xFFC1);   // bf16 NaN with payload
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(4), 0.1);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(12), -1e300);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(20), -7);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(28), 16777217);
        const string header = """{"bf":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]},"d":{"dtype":"F64","shape":[2],"data_offsets":[4,20]},"l":{"dtype":"I64","shape":[],"data_offsets":[20,28]},"i":{"dtype":"I32","shape":[1],"data_offsets":[28,32]}}""";
        using var file = SafetensorsFile.Open(SafetensorsBytes.Build(header, data));

        var bf = file.ReadFloat32("bf").Data;
        Assert.Equal(1.5f, bf[0]);
        Assert.Equal(unchecked((int)0xFFC10000), BitConverter.SingleToInt32Bits(bf[1]));
        Assert.Equal([0.1f, float.NegativeInfinity], file.ReadFloat32("d").Data);
        var scalar = file.ReadFloat32("l");
        Assert.Empty(scalar.Shape);
        Assert.Equal([-7f], scalar.Data);
        Assert.Equal([16777216f], file.ReadFloat32("i").Data);
    }

    [Fact]
    public void ListsOtherDtypesButRefusesToReadThemAsFloat()
    {
        const string header = """{"u":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},"f8":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[3,5]},"f4":{"dtype":"F4","shape":[4],"data_offsets":[5,7]},"e":{"dtype":"F32","shape":[0,5],"data_offsets":[7,7]}}""";
        using var file = SafetensorsFile.Open(SafetensorsBytes.Build(header, 7), "mixed.safetensors");

        Assert.Equal(
            [SafetensorsDType.U8, SafetensorsDType.F8E4M3, SafetensorsDType.F4, SafetensorsDType.F32],
            file.Tensors.Select(t => t.DType));
        Assert.Equal(["U8", "F8_E4M3", "F4", "F32"], file.Tensors.Select(t => t.DType.ToHeaderName()));
        Assert.Equal(2, file.Tensors[2].ByteLength);

        var e = Assert.Throws<InvalidDataException>(() => file.ReadFloat32("u"));
        Assert.Contains("mixed.safetensors", e.Message, StringComparison.Ordinal);
        Assert.Contains("U8", e.Message, StringComparison.Ordinal);

        var empty = file.ReadFloat32("e");
        Assert.Equal([0, 5], empty.Shape);
        Assert.Empty(empty.Data);
    }

    [Theory]
    [InlineData(SafetensorsDType.F32)]
    [InlineData(SafetensorsDType.F16)]
    public void ReadingATensor_AllocatesAboutItsSize(SafetensorsDType storage)
    {
        const int count = 1 << 20;
        var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, null, [("big", new FloatTensor([count], new float[count]))], storage);
        using var file = SafetensorsFile.Open(stream.ToArray());
        file.ReadFloat32("big"); // warm up JIT and buffer pools

        long before = GC.GetAllocatedBytesForCurrentThread();
        file.ReadFloat32("big");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 4L * count, (4L * count) + (64 * 1024));
    }

    [Fact]
    public void UnknownTensorName_Throws()
    {
        using var file = SafetensorsFile.Open(TwoTensorFile());
        Assert.Throws<KeyNotFoundException>(() => file.ReadFloat32("missing"));
        Assert.False(file.TryGetTensor("missing", out _));
    }

    [Fact]
    public void EmptyHeaderWithNullMetadata_HasNoTensors()
    {
        using var file = SafetensorsFile.Open(SafetensorsBytes.Build("""{"__metadata__":null}""", 0));
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void DtypeNames_RoundTrip()
    {
        foreach (var dtype in Enum.GetValues<SafetensorsDType>())
        {
            Assert.True(SafetensorsDTypeExtensions.TryParse(dtype.ToHeaderName(), out var parsed));
            Assert.Equal(dtype, parsed);
        }

        Assert.False(SafetensorsDTypeExtensions.TryParse("f32", out _));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

using System.Text;
using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

public class SafetensorsHostileFileTests
{
    private const string Source = "hostile.safetensors";

    public static TheoryData<string, string, int, string> BadHeaders => new()
    {
        { "not JSON", "{not json", 0, "not valid JSON" },
        { "JSON but not an object", "[1,2]", 0, "start with '{'" },
        { "trailing garbage", """{}x""", 0, "not valid JSON" },
        { "tensor not an object", """{"a":5}""", 0, "not an object" },
        { "metadata not an object", """{"__metadata__":[1]}""", 0, "'__metadata__' is not an object" },
        { "metadata value not a string", """{"__metadata__":{"k":1}}""", 0, "not a string" },
        { "duplicate metadata key", """{"__metadata__":{"k":"a","k":"b"}}""", 0, "duplicate metadata key" },
        { "duplicate metadata block", """{"__metadata__":{},"__metadata__":{}}""", 0, "duplicate key" },
        { "duplicate tensor", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "duplicate key 'a'" },
        { "duplicate tensor via escape", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"\u0061":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "duplicate key 'a'" },
        { "repeated field", """{"a":{"dtype":"F32","dtype":"F16","shape":[1],"data_offsets":[0,4]}}""", 4, "repeats field" },
        { "missing dtype", """{"a":{"shape":[1],"data_offsets":[0,4]}}""", 4, "'dtype'" },
        { "unknown dtype", """{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,4]}}""", 4, "unknown dtype" },
        { "missing shape", """{"a":{"dtype":"F32","data_offsets":[0,4]}}""", 4, "'shape'" },
        { "missing offsets", """{"a":{"dtype":"F32","shape":[1]}}""", 4, "'data_offsets'" },
        { "three offsets", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}""", 8, "'data_offsets'" },
        { "negative offset", """{"a":{"dtype":"F32","shape":[0],"data_offsets":[-4,-4]}}""", 0, "invalid data offset" },
        { "fractional offset", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4.0]}}""", 4, "invalid data offset" },
        { "offset beyond int64", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,18446744073709551620]}}""", 4, "invalid data offset" },
        { "offsets out of range", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 4, "past the 4-byte data region" },
        { "end before begin", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}""", 4, "before it begins" },
        { "size does not match shape", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", 4, "spans 4 bytes" },
        { "size does not match dtype", """{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,4]}}""", 4, "spans 4 bytes" },
        { "negative dimension", """{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}""", 0, "invalid dimension" },
        { "fractional dimension", """{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", 4, "invalid dimension" },
        { "string dimension", """{"a":{"dtype":"F32","shape":["1"],"data_offsets":[0,4]}}""", 4, "invalid dimension" },
        { "dimension beyond int32", """{"a":{"dtype":"F32","shape":[4294967297],"data_offsets":[0,4]}}""", 4, "invalid dimension" },
        { "shape product overflows", """{"a":{"dtype":"F32","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,4]}}""", 4, "overflows" },
        { "byte size overflows", """{"a":{"dtype":"F64","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", 8, "overflows" },
        { "rank too high", """{"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],"data_offsets":[0,4]}}""", 4, "rank 17" },
        { "packed type not whole bytes", """{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,1]}}""", 1, "whole bytes" },
        { "overlapping tensors", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "overlaps" },
        { "identical ranges", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4, "overlaps" },
        { "gap between tensors", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12, "unused bytes" },
        { "trailing bytes", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8, "cover 4" },
        { "deeply nested", "{\"a\":" + new string('[', 100), 0, "depth" },
        { "leading whitespace", """ {}""", 0, "start with '{'" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void BadHeader_ThrowsOneLineInvalidDataNamingTheFile(string problem, string header, int dataLength, string fragment)
    {
        var bytes = SafetensorsBytes.Build(header, dataLength);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(bytes, Source));
        Assert.StartsWith($"Invalid safetensors file '{Source}': ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), $"{problem}: {e.Message}");
    }

    [Fact]
    public void InvalidUtf8Header_Throws()
    {
        byte[] header = [.. "{\"a"u8, 0xC3, 0x28, .. "\":{}}"u8];
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(SafetensorsBytes.Build((ulong)header.Length, header, []), Source));
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void FileShorterThanPrefix_Throws(int length)
    {
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(new byte[length], Source));
    }

    [Fact]
    public void TruncatedFile_Throws()
    {
        var whole = SafetensorsBytes.Build("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8);
        for (int cut = 1; cut < whole.Length; cut++)
        {
            var truncated = whole.AsSpan(0, whole.Length - cut).ToArray();
            Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(truncated, Source));
        }
    }

    [Fact]
    public void HeaderLengthLargerThanFile_Throws()
    {
        var header = Encoding.UTF8.GetBytes("{}");
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(SafetensorsBytes.Build(3, header, []), Source));
        Assert.Contains("header length 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1UL << 60)]
    [InlineData(ulong.MaxValue)]
    [InlineData(100_000_001UL)]
    [InlineData(99_999_999UL)]
    public void HugeHeaderLength_ThrowsWithoutAllocatingIt(ulong declared)
    {
        var bytes = SafetensorsBytes.Build(declared, Encoding.UTF8.GetBytes("{}"), new byte[64]);
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(bytes, Source)); // warm up JIT and caches

        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(bytes, Source));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void MillionsOfTensors_AreCountedAndRefusedBeforeTheHeaderIsParsed()
    {
        // 400,000 one-float tensors: a 22 MB header whose document and entries would take hundreds of MB.
        const int Count = 400_000;
        var header = new StringBuilder("{");
        for (int i = 0; i < Count; i++)
        {
            header.Append(i == 0 ? "" : ",").Append('"').Append(i).Append("\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[").Append(4 * i).Append(',').Append((4 * i) + 4).Append("]}");
        }

        string json = header.Append('}').ToString();
        var bytes = SafetensorsBytes.Build(json, 4 * Count);
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(bytes, Source)); // warm up JIT and caches

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(bytes, Source));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal($"Invalid safetensors file '{Source}': header lists {Count} entries, more than the {SafetensorsHeader.MaxTensors} tensors a model file may hold.", e.Message);
        // The header's own bytes are read (at most 100 MB, checked first); nothing in proportion to its entries.
        Assert.True(allocated < json.Length + (8 << 20), $"allocated {allocated} bytes for a {json.Length}-byte header");
    }

    [Fact]
    public void HostileTensorName_KeepsMessageOneLineAndShort()
    {
        string name = "evil\nname" + new string('x', 10_000);
        string header = "{\"" + name.Replace("\n", "\\n", StringComparison.Ordinal) + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(SafetensorsBytes.Build(header, 8), Source));
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Length < 500, e.Message);
    }
}

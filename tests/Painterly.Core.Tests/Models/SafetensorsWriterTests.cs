using System.Buffers.Binary;
using System.Text;
using Painterly.Core.Models;

namespace Painterly.Core.Tests.Models;

public class SafetensorsWriterTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private static float[] SpecialFloats()
    {
        int[] bits =
        [
            0x00000000, unchecked((int)0x80000000),               // +0, -0
            0x00000001, 0x007FFFFF, unchecked((int)0x80000001),    // subnormals
            0x00800000, 0x7F7FFFFF, unchecked((int)0xFF7FFFFF),    // smallest normal, max, min
            0x7F800000, unchecked((int)0xFF800000),               // infinities
            0x7FC00000, 0x7FC00001, 0x7FBFFFFF, 0x7F800001,        // quiet and signalling NaNs with payloads
            unchecked((int)0xFFFFFFFF), unchecked((int)0xFFC12345),
            0x3F800000, 0x3EAAAAAB,
        ];
        var random = new Random(1234);
        var more = Enumerable.Range(0, 10_000).Select(_ => random.Next(int.MinValue, int.MaxValue));
        return [.. bits.Concat(more).Select(BitConverter.Int32BitsToSingle)];
    }

    private static SafetensorsFile RoundTrip(IEnumerable<(string, FloatTensor)> tensors, SafetensorsDType storage, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, metadata, tensors, storage);
        return SafetensorsFile.Open(stream.ToArray());
    }

    [Fact]
    public void F32_RoundTripIsBitExact()
    {
        var values = SpecialFloats();
        using var file = RoundTrip([("x", new FloatTensor([values.Length], values))], SafetensorsDType.F32);

        Assert.Equal(SafetensorsBytes.Bits(values), SafetensorsBytes.Bits(file.ReadFloat32("x").Data));
    }

    [Fact]
    public void F16_EveryHalfValueRoundTripsExactly()
    {
        var halves = Enumerable.Range(0, 1 << 16)
            .Select(i => BitConverter.UInt16BitsToHalf((ushort)i))
            .Where(h => !Half.IsNaN(h))
            .ToArray();
        var values = halves.Select(h => (float)h).ToArray();
        using var file = RoundTrip([("h", new FloatTensor([values.Length], values))], SafetensorsDType.F16);

        Assert.Equal(SafetensorsDType.F16, file.Tensors[0].DType);
        Assert.Equal(2L * values.Length, file.Tensors[0].ByteLength);
        Assert.Equal(SafetensorsBytes.Bits(values), SafetensorsBytes.Bits(file.ReadFloat32("h").Data));
    }

    [Fact]
    public void F16_RoundsToNearestEvenWithinHalfPrecision()
    {
        float[] ties =
        [
            1f + MathF.Pow(2, -11),         // halfway between 1 and the next half: rounds to even 1
            1f + (3 * MathF.Pow(2, -11)),   // halfway between odd and even mantissas: rounds up to even
            65519f, 65520f,                 // below and at the overflow tie
            MathF.Pow(2, -25),              // halfway to the smallest subnormal: rounds to even 0
            float.NaN,
        ];
        float[] expected = [1f, 1f + MathF.Pow(2, -9), 65504f, float.PositiveInfinity, 0f, float.NaN];
        using (var file = RoundTrip([("t", new FloatTensor([ties.Length], ties))], SafetensorsDType.F16))
        {
            Assert.Equal(expected, file.ReadFloat32("t").Data);
        }

        var random = new Random(42);
        var values = Enumerable.Range(0, 10_000).Select(_ => (float)((random.NextDouble() - 0.5) * 2 * Math.Pow(2, random.Next(-20, 16)))).ToArray();
        using var roundTrip = RoundTrip([("r", new FloatTensor([values.Length], values))], SafetensorsDType.F16);
        var back = roundTrip.ReadFloat32("r").Data;
        for (int i = 0; i < values.Length; i++)
        {
            // Half has 11 significant bits, so rounding errs by at most 2^-11 relative, or half a subnormal step.
            double tolerance = Math.Max(Math.Abs(values[i]) * Math.Pow(2, -11), Math.Pow(2, -25));
            Assert.True(Math.Abs(back[i] - values[i]) <= tolerance, $"{values[i]} -> {back[i]}");
        }
    }

    [Fact]
    public void ByteLayout_MatchesTheSpec()
    {
        var metadata = new Dictionary<string, string> { ["k"] = "v", ["artist"] = "Hokusai 北斎" };
        var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, metadata, [("z", new FloatTensor([2], [1f, -2f])), ("a", new FloatTensor([1, 3], [3f, 4f, 5f]))]);
        var bytes = stream.ToArray();

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, n % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        const string json = """{"__metadata__":{"k":"v","artist":"Hokusai 北斎"},"z":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[1,3],"data_offsets":[8,20]}}""";
        Assert.Equal(json, header.TrimEnd(' '));
        Assert.Equal(new string(' ', (int)n - Encoding.UTF8.GetByteCount(json)), header[json.Length..]);
        Assert.True((int)n - Encoding.UTF8.GetByteCount(json) < 8);
        Assert.Equal(8 + (int)n + 20, bytes.Length);
        Assert.Equal(SafetensorsBytes.Floats(1f, -2f, 3f, 4f, 5f), bytes[(8 + (int)n)..]);

        using var file = SafetensorsFile.Open(bytes);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(["z", "a"], file.Tensors.Select(t => t.Name));
    }

    [Fact]
    public void F16Layout_StoresLittleEndianHalves()
    {
        var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, null, [("h", new FloatTensor([2], [1f, -2f]))], SafetensorsDType.F16);
        var bytes = stream.ToArray();

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal("""{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd(' '));
        Assert.Equal(new byte[] { 0x00, 0x3C, 0x00, 0xC0 }, bytes[(8 + (int)n)..]);
    }

    [Fact]
    public void EmptyMetadata_IsOmitted()
    {
        var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, NoMetadata, [("s", new FloatTensor([], [7f]))]);
        Assert.DoesNotContain("__metadata__", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var t = new FloatTensor([1], [0f]);
        var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(stream, null, [("a", t), ("a", t)]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(stream, null, [("__metadata__", t)]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(stream, null, [("a", t)], SafetensorsDType.BF16));
        var deep = new FloatTensor(Enumerable.Repeat(1, 17).ToArray(), [0f]);
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(stream, null, [("a", deep)]));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void WriteToPath_IsReadableAndLeavesNoTemporaryFile()
    {
        string dir = SafetensorsBytes.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "out.safetensors");
            File.WriteAllText(path, "old contents");
            SafetensorsWriter.Write(path, NoMetadata, [("a", new FloatTensor([2], [1f, 2f]))]);

            using (var file = SafetensorsFile.Open(path))
            {
                Assert.Equal([1f, 2f], file.ReadFloat32("a").Data);
            }

            Assert.Equal([path], Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FailingWrite_LeavesNoFileAndKeepsTheOldOne()
    {
        string dir = SafetensorsBytes.TempDirectory();
        try
        {
            string fresh = Path.Combine(dir, "fresh.safetensors");
            Assert.Throws<InvalidOperationException>(() => SafetensorsWriter.Write(fresh, NoMetadata, Failing()));
            Assert.Empty(Directory.GetFileSystemEntries(dir));

            string existing = Path.Combine(dir, "existing.safetensors");
            File.WriteAllText(existing, "keep me");
            Assert.Throws<InvalidOperationException>(() => SafetensorsWriter.Write(existing, NoMetadata, Failing()));
            Assert.Equal("keep me", File.ReadAllText(existing));

            // The rename fails after the data is written (the target is a directory): the temporary file must go.
            string blocked = Path.Combine(dir, "blocked.safetensors");
            Directory.CreateDirectory(blocked);
            Assert.ThrowsAny<IOException>(() => SafetensorsWriter.Write(blocked, NoMetadata, [("a", new FloatTensor([1], [1f]))]));
            Assert.Equal([existing], Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        static IEnumerable<(string, FloatTensor)> Failing()
        {
            yield return ("a", new FloatTensor([1], [1f]));
            throw new InvalidOperationException("source failed");
        }
    }
}

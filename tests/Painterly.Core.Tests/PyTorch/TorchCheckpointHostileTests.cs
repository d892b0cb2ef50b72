using System.Buffers.Binary;
using Painterly.Core.PyTorch;
using static Painterly.Core.Tests.PyTorch.PickleBytes;

namespace Painterly.Core.Tests.PyTorch;

public class TorchCheckpointHostileTests
{
    private const string Refusal = "refusing to load: the checkpoint names the Python global os.system, which a state_dict never needs; nothing was executed.";

    // The evil fixtures run os.system("touch <marker>") under plain pickle.load (make_pytorch_fixtures.py checks that).
    [Theory]
    [InlineData("evil.pth", "/tmp/painterly-pwned-zip")]
    [InlineData("evil-legacy.pth", "/tmp/painterly-pwned-legacy")]
    public void EvilCheckpoint_IsRefusedAndRunsNothing(string fixture, string marker)
    {
        File.Delete(marker);
        string path = TorchFixtures.Path(fixture);

        var read = Assert.Throws<InvalidDataException>(() => TorchCheckpointReader.Read(path));
        var inspect = Assert.Throws<InvalidDataException>(() => TorchCheckpointReader.Inspect(path));
        var model = Assert.Throws<InvalidDataException>(() => TorchCheckpointReader.ReadStyleModel(path));

        Assert.Equal($"PyTorch checkpoint '{path}': {Refusal}", read.Message);
        Assert.Equal(read.Message, inspect.Message);
        Assert.Equal(read.Message, model.Message);
        Assert.False(File.Exists(marker), $"{marker} exists: the payload ran.");
    }

    [Fact]
    public void ZipEntryShorterThanItsStorage_IsRefused()
    {
        var zip = TorchZipBytes.Rewrite(TorchFixtures.Bytes("transformer-c8.pth"), (name, bytes) => name == "transformer-c8/data/0" ? bytes[..^4] : bytes);

        var e = ReadFails(zip);

        Assert.Contains("'transformer-c8/data/0' is 7772 bytes, but its 1944 F32 elements need 7776", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZipEntryClaimingMoreBytesThanItHolds_IsRefusedBeforeAllocating()
    {
        // A 1 GiB storage whose zip entry holds 16 bytes but whose headers claim 1 GiB uncompressed.
        const int Count = 1 << 28;
        var zip = TorchZipBytes.Build(StateDict("w", Tensor("0", Count, 0, [Count], [1])), ("0", new byte[16]));
        TorchZipBytes.ClaimUncompressedSize(zip, "archive/data/0", 4L * Count);
        ReadFails(zip);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = ReadFails(zip);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("claims 1073741824 bytes, more than its 16 compressed bytes can hold", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void ZipWithoutAStorageEntry_IsRefused()
    {
        var zip = TorchZipBytes.Rewrite(TorchFixtures.Bytes("transformer-c8.pth"), (name, bytes) => name == "transformer-c8/data/3" ? null : bytes);

        Assert.Contains("lacks 'transformer-c8/data/3'", ReadFails(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BigEndianZip_IsRefused()
    {
        var zip = TorchZipBytes.Build(StateDict("w", Tensor("0", 1, 0, [1], [1])), ("0", new byte[4]));
        zip = TorchZipBytes.Zip([("archive/byteorder", "big"u8.ToArray()), .. Entries(zip)]);

        Assert.Contains("big-endian", ReadFails(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TorchScriptArchive_IsExplained()
    {
        var zip = TorchZipBytes.Zip([("model/constants.pkl", Pickle(None)), ("model/code/__torch__.py", "x"u8.ToArray())]);

        Assert.Contains("TorchScript", ReadFails(zip).Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> BadTensors => new()
    {
        { "view past the storage", Tensor("0", 4, 2, [3], [1]), "reaches past the 4 elements of storage '0'" },
        { "strided view past the storage", Tensor("0", 4, 0, [2, 2], [3, 1]), "reaches past" },
        { "offset past an empty view", Tensor("0", 4, 5, [0], [1]), "reaches past" },
        { "huge stride", Tensor("0", 4, 0, [2, 2], [int.MaxValue, 1]), "reaches past" },
        { "stride overflow", Tensor("0", 4, 0, [2, 2], [1L << 62, 1L << 62]), "overflow" },
        { "dimension beyond int32", Tensor("0", 4, 0, [1L << 32], [0]), "too large" },
        { "dims and strides differ", Tensor("0", 4, 0, [2, 2], [1]), "2 dimensions but 1 strides" },
        { "negative dimension", Tensor("0", 4, 0, [-1], [1]), "non-negative int" },
        { "negative offset", Tensor("0", 4, -1, [1], [1]), "offset is not a non-negative int" },
        { "refused storage type", Tensor("0", 4, 0, [4], [1], "ByteStorage"), "Python global torch.ByteStorage" },
        { "huge storage", Tensor("0", int.MaxValue, 0, [4], [1], "DoubleStorage"), "outside 0..134217728" },
    };

    [Theory]
    [MemberData(nameof(BadTensors))]
    public void BadTensor_IsRefusedWithOneLine(string problem, byte[] tensor, string fragment)
    {
        var zip = TorchZipBytes.Build(StateDict("w", tensor), ("0", new byte[16]));

        var e = ReadFails(zip);

        Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), $"{problem}: {e.Message}");
    }

    [Fact]
    public void HugeTensor_IsRefusedBeforeAllocating()
    {
        // A 2^31 x 2^31 broadcast (stride 0) of one element: in bounds, but far too many elements for one array.
        var zip = TorchZipBytes.Build(StateDict("w", Tensor("0", 1, 0, [int.MaxValue, int.MaxValue], [0, 0])), ("0", new byte[4]));
        ReadFails(zip);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = ReadFails(zip);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("larger than one array can hold", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void MalformedPersistentId_IsRefused()
    {
        var pickle = Pickle(OrderedDict(), Unicode("w"), Unicode("storage"), BinPersId, SetItem);

        Assert.Contains("not a storage reference", ReadFails(TorchZipBytes.Build(pickle)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckpointWithoutTensors_SaysWhatItHolds()
    {
        var pickle = Pickle(EmptyDict, Unicode("epoch"), Int(3), SetItem);

        Assert.Contains("holds no state_dict", ReadFails(TorchZipBytes.Build(pickle)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedLegacyCheckpoint_IsRefusedAtEveryCut()
    {
        var file = TorchFixtures.Bytes("noncontiguous-legacy.pth");
        for (int length = 0; length < file.Length; length++)
        {
            var e = ReadFails(file[..length]);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void LegacyElementCountMismatch_IsRefused()
    {
        var file = TorchFixtures.Bytes("noncontiguous-legacy.pth");

        // The storage's 8-byte element count sits right before its 35 floats at the end of the file.
        int count = file.Length - (35 * 4) - 8;
        Assert.Equal(35, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(count)));
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(count), 36);

        Assert.Contains("writes 36 elements for storage", ReadFails(file).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptedLegacyCheckpoint_NeverThrowsAnythingButInvalidData()
    {
        var file = TorchFixtures.Bytes("noncontiguous-legacy.pth");
        var random = new Random(99);
        for (int trial = 0; trial < 2000; trial++)
        {
            var corrupt = (byte[])file.Clone();
            corrupt[random.Next(corrupt.Length - (35 * 4))] = (byte)random.Next(256);
            try
            {
                TorchCheckpointReader.Read(new MemoryStream(corrupt), "corrupt.pth");
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4, 0, 0 })]
    public void NotACheckpoint_IsRefused(byte[] bytes)
    {
        var e = ReadFails(bytes);

        Assert.StartsWith("PyTorch checkpoint 'hostile.pth': ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ZipBomb_IsInspectedAndRefusedAsAStyleWithoutInflating()
    {
        // 64 MB of zeros deflate to about 64 KB: a tensor no StyleNet has, in a file a thousand times smaller.
        const int Count = 16 << 20;
        var zip = TorchZipBytes.Build(StateDict("conv1.conv2d.weight", Tensor("0", Count, 0, [Count], [1])), ("0", new byte[4 * Count]));
        zip = TorchZipBytes.Zip(Entries(zip), System.IO.Compression.CompressionLevel.SmallestSize);
        Assert.InRange(zip.Length, 1, 1 << 20);
        _ = TorchCheckpointReader.Inspect(new MemoryStream(zip), "bomb.pth"); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        var info = Assert.Single(TorchCheckpointReader.Inspect(new MemoryStream(zip), "bomb.pth"));
        var e = Assert.Throws<InvalidDataException>(() => TorchCheckpointReader.ReadStyleModel(new MemoryStream(zip), "bomb.pth"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([Count], info.Shape);
        Assert.StartsWith("Style model 'bomb.pth': no 4-D 'conv1.conv2d.weight'", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void IntegerWeight_IsRefusedAsAStyle()
    {
        var zip = TorchZipBytes.Build(StateDict("conv1.conv2d.weight", Tensor("0", 2, 0, [2], [1], "LongStorage")), ("0", new byte[16]));

        var e = Assert.Throws<InvalidDataException>(() => TorchCheckpointReader.ReadStyleModel(new MemoryStream(zip), "ints.pth"));

        Assert.Equal("PyTorch checkpoint 'ints.pth': tensor 'conv1.conv2d.weight' is stored as I64; a style's weights are floating point, so this is not a trained style.", e.Message);
        Assert.Equal([2], TorchCheckpointReader.Read(new MemoryStream(zip), "ints.pth")["conv1.conv2d.weight"].Shape); // still readable as data
    }

    private static InvalidDataException ReadFails(byte[] file) =>
        Assert.Throws<InvalidDataException>(() => TorchCheckpointReader.Read(new MemoryStream(file), "hostile.pth"));

    private static List<(string, byte[])> Entries(byte[] zip)
    {
        var entries = new List<(string, byte[])>();
        TorchZipBytes.Rewrite(zip, (name, bytes) =>
        {
            entries.Add((name, bytes));
            return bytes;
        });
        return entries;
    }
}

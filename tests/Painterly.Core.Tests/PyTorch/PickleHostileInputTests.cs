using System.Buffers.Binary;
using Painterly.Core.PyTorch;
using static Painterly.Core.Tests.PyTorch.PickleBytes;

namespace Painterly.Core.Tests.PyTorch;

public class PickleHostileInputTests
{
    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("builtins", "eval")]
    [InlineData("builtins", "exec")]
    [InlineData("builtins", "getattr")]
    [InlineData("__builtin__", "eval")]
    [InlineData("subprocess", "Popen")]
    [InlineData("torch.storage", "_load_from_bytes")]
    [InlineData("torch", "ByteStorage")]
    [InlineData("_codecs", "encode")]
    [InlineData("collections", "OrderedDict.__init__")]
    public void AnyOtherGlobal_IsRefusedByName(string module, string name)
    {
        foreach (var pickle in new[]
        {
            Pickle(Global(module, name), Unicode("echo hi"), Tuple1, Reduce),
            Pickle(ShortUnicode(module), ShortUnicode(name), StackGlobal, Unicode("echo hi"), Tuple1, Reduce),
        })
        {
            var e = Assert.Throws<InvalidDataException>(() => Read(pickle));

            Assert.Equal($"refusing to load: the checkpoint names the Python global {module}.{name}, which a state_dict never needs; nothing was executed.", e.Message);
        }
    }

    [Fact]
    public void RefusedGlobal_StopsReadingAtOnce()
    {
        // The bytes after the global are garbage: the refusal comes first, before anything else is looked at.
        var e = Assert.Throws<InvalidDataException>(() => Read(Concat(Proto2, Global("os", "system"), [0xff, 0xff])));

        Assert.Contains("os.system", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GlobalNameWithControlCharacters_StaysOneLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(Pickle(ShortUnicode("os\r\nx"), ShortUnicode("sys\ttem"), StackGlobal)));

        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.Contains("os\\u000d\\u000ax.sys\\u0009tem", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> BadPickles => new()
    {
        { "INST", Pickle(Mark, [(byte)'i', .. "os\nsystem\n"u8]), "refusing to instantiate" },
        { "OBJ", Pickle(Mark, Global("collections", "OrderedDict"), [(byte)'o']), "refusing to instantiate" },
        { "EXT1", Pickle([0x82, 1]), "copyreg extension" },
        { "REDUCE on a string", Pickle(Unicode("os.system"), EmptyTuple, Reduce), "REDUCE needs a callable, got a str" },
        { "REDUCE without a tuple", Pickle(OrderedDictGlobal, None, Reduce), "needs a tuple of arguments" },
        { "calling a storage type", Pickle(Global("torch", "FloatStorage"), EmptyTuple, Reduce), "never calls it" },
        { "NEWOBJ on a function", Pickle(Global("torch._utils", "_rebuild_tensor_v2"), EmptyTuple, [0x81]), "refusing to construct" },
        { "BUILD on a list", Pickle(EmptyList, EmptyDict, Build), "refusing to set the state of a list" },
        { "BUILD on a call", Pickle(Global("torch._utils", "_rebuild_tensor"), EmptyTuple, Reduce, EmptyDict, Build), "refusing to set the state" },
        { "persistent id without a loader", Pickle(Unicode("id"), BinPersId), "nothing resolves them" },
        { "unknown opcode", Pickle([0xff]), "unknown opcode 0xff" },
        { "text opcode", Pickle("I01\n"u8.ToArray()), "opcode INT is not supported" },
        { "set opcode", Pickle([0x8f]), "opcode EMPTY_SET is not supported" },
        { "out-of-band buffer", Pickle([0x97]), "NEXT_BUFFER" },
        { "newer protocol", Concat([0x80, 6], None, Stop), "protocol 6" },
        { "memo index never stored", Pickle(None, Put(1), Get(5)), "memo index 5 was never stored" },
        { "long memo index never stored", Pickle([(byte)'j', 0xff, 0xff, 0xff, 0xff]), "memo index 4294967295 was never stored" },
        { "memo of an empty stack", Pickle(Put(0)), "stack underflow" },
        { "empty stack at STOP", Concat(Proto2, Stop), "stack underflow" },
        { "TUPLE2 of one value", Pickle(None, Tuple2), "stack underflow" },
        { "popping below a mark", Pickle(None, Mark, Tuple2), "stack underflow" },
        { "TUPLE without MARK", Pickle(None, TupleFromMark), "no MARK" },
        { "APPEND to a tuple", Pickle(EmptyTuple, None, Append), "cannot append to a tuple" },
        { "SETITEM on a list", Pickle(EmptyList, None, None, SetItem), "cannot set an item of a list" },
        { "odd SETITEMS", Pickle(EmptyDict, Mark, None, SetItems), "key-value pairs" },
        { "unhashable key", Pickle(EmptyDict, EmptyList, None, SetItem), "a list cannot be a dict key" },
        { "unhashable tuple key", Pickle(EmptyDict, EmptyList, Tuple1, None, SetItem), "a tuple cannot be a dict key" },
        { "STACK_GLOBAL of ints", Pickle(Int(1), Int(2), StackGlobal), "needs two strings" },
        { "invalid UTF-8", Pickle([0x8c, 2, 0xc3, 0x28]), "not valid UTF-8" },
        { "negative BINSTRING length", Pickle([(byte)'T', 0xff, 0xff, 0xff, 0xff]), "negative length" },
        { "GLOBAL without newline", Concat(Proto2, "cos\nsystem"u8.ToArray()), "not ended by a newline" },
        { "GLOBAL line too long", Pickle([(byte)'c', .. Enumerable.Repeat((byte)'a', 600), (byte)'\n']), "longer than 512 bytes" },
        { "LONG4 too long", Pickle([0x8b, 0x00, 0x00, 0x01, 0x00]), "outside 0..1024" },
        { "LONG4 negative length", Pickle([0x8b, 0xff, 0xff, 0xff, 0xff]), "outside 0..1024" },
        { "frame past the end", Concat([0x80, 4, 0x95, 0xff, 0, 0, 0, 0, 0, 0, 0], None, Stop), "frame of 255 bytes" },
        { "tuples nested too deep", Pickle([.. None, .. Enumerable.Repeat((byte)0x85, PickleReader.MaxTupleNesting + 1)]), "nest deeper than 64" },
    };

    private static byte[] OrderedDictGlobal => Global("collections", "OrderedDict");

    [Theory]
    [MemberData(nameof(BadPickles))]
    public void BadPickle_ThrowsOneLineInvalidData(string problem, byte[] pickle, string fragment)
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(pickle));

        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), $"{problem}: {e.Message}");
    }

    public static TheoryData<string, byte[]> HugeLengths => new()
    {
        { "BINUNICODE", Pickle([(byte)'X', 0xf0, 0xff, 0xff, 0xff, .. "abc"u8]) },
        { "BINUNICODE8", Pickle([0x8d, .. Le64(1UL << 40), .. "abc"u8]) },
        { "BINBYTES", Pickle([(byte)'B', 0xf0, 0xff, 0xff, 0x7f]) },
        { "BINBYTES8", Pickle([0x8e, .. Le64(ulong.MaxValue)]) },
        { "BYTEARRAY8", Pickle([0x96, .. Le64((ulong)int.MaxValue + 1)]) },
        { "BINSTRING", Pickle([(byte)'T', 0xff, 0xff, 0xff, 0x7f]) },
        { "FRAME", Concat([0x80, 4, 0x95, .. Le64(ulong.MaxValue)]) },
        { "LONG4", Pickle([0x8b, 0x00, 0x04, 0x00, 0x00, 1, 2]) },
    };

    [Theory]
    [MemberData(nameof(HugeLengths))]
    public void HugeLength_IsRefusedWithoutAllocatingIt(string opcode, byte[] pickle)
    {
        Assert.Throws<InvalidDataException>(() => Read(pickle));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => Read(pickle));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 64 * 1024, $"{opcode}: allocated {allocated} bytes for: {e.Message}");
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TooManyStackItems_AreRefused()
    {
        var pickle = Concat(Proto2, Enumerable.Repeat((byte)'N', PickleReader.MaxStackItems + 1).ToArray(), Stop);

        var e = Assert.Throws<InvalidDataException>(() => Read(pickle));

        Assert.Contains($"past {PickleReader.MaxStackItems} entries", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyMemoEntries_AreRefused()
    {
        // MEMOIZE stores under the next free index, so each one adds an entry.
        var pickle = Concat(Proto2, None, Enumerable.Repeat((byte)0x94, PickleReader.MaxMemoEntries + 1).ToArray(), Stop);

        var e = Assert.Throws<InvalidDataException>(() => Read(pickle));

        Assert.Contains($"memo grows past {PickleReader.MaxMemoEntries}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncation_OfARealStateDict_ThrowsInvalidData()
    {
        var pickle = StateDictPickle();
        for (int length = 0; length < pickle.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => new PickleReader(pickle.AsMemory(0, length)).ReadObject(Storage));
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void CorruptedBytes_NeverThrowAnythingButInvalidData()
    {
        var pickle = StateDictPickle();
        var random = new Random(1234);
        for (int trial = 0; trial < 3000; trial++)
        {
            var corrupt = (byte[])pickle.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            }

            try
            {
                new PickleReader(corrupt).ReadObject(Storage);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    // A real torch.save zip pickle: two views of one storage (from the noncontiguous fixture).
    private static byte[] StateDictPickle()
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(TorchFixtures.Bytes("noncontiguous.pth")));
        using var stream = zip.GetEntry("noncontiguous/data.pkl")!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static object Storage(object? id) => "storage";

    private static byte[] Le64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static object? Read(byte[] pickle) => new PickleReader(pickle).ReadObject();
}

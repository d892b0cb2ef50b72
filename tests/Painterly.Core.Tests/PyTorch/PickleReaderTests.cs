using System.Numerics;
using Painterly.Core.PyTorch;
using static Painterly.Core.Tests.PyTorch.PickleBytes;

namespace Painterly.Core.Tests.PyTorch;

public class PickleReaderTests
{
    // pickle.dumps(VALUE, protocol=2 / 4 / 5) by CPython 3.11, where VALUE is
    // {'ints': [0, 1, -1, 255, 256, 65535, 65536, -2**31, 2**31, -2**63, 2**63-1, 2**70, -2**70],
    //  'floats': [1.5, -0.0, 1e300], 'none': None, 'bools': (True, False),
    //  'tuples': ((), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)), 'text': 'café ☕', 'nested': {'a': [{'b': 'c'}]}}
    private const string Protocol2 = "80027d7100285804000000696e747371015d7102284b004b014affffffff4bff4d00014dffff4a000001004a000000808a0500000080008a0800000000000000808a08ffffffffffffff7f8a090000000000000000408a090000000000000000c0655806000000666c6f61747371035d710428473ff8000000000000478000000000000000477e37e43c8800759c6558040000006e6f6e6571054e5805000000626f6f6c737106888986710758060000007475706c6573710828294b018571094b014b0286710a4b014b024b0387710b284b014b024b034b0474710c74710d580400000074657874710e5809000000636166c3a920e29895710f58060000006e657374656471107d711158010000006171125d71137d711458010000006271155801000000637116736173752e";
    private const string Protocol4 = "800495f3000000000000007d94288c04696e7473945d94284b004b014affffffff4bff4d00014dffff4a000001004a000000808a0500000080008a0800000000000000808a08ffffffffffffff7f8a090000000000000000408a090000000000000000c0658c06666c6f617473945d9428473ff8000000000000478000000000000000477e37e43c8800759c658c046e6f6e65944e8c05626f6f6c7394888986948c067475706c65739428294b0185944b014b0286944b014b024b038794284b014b024b034b04749474948c0474657874948c09636166c3a920e29895948c066e6573746564947d948c0161945d947d948c0162948c016394736173752e";
    private const string Protocol5 = "800595f3000000000000007d94288c04696e7473945d94284b004b014affffffff4bff4d00014dffff4a000001004a000000808a0500000080008a0800000000000000808a08ffffffffffffff7f8a090000000000000000408a090000000000000000c0658c06666c6f617473945d9428473ff8000000000000478000000000000000477e37e43c8800759c658c046e6f6e65944e8c05626f6f6c7394888986948c067475706c65739428294b0185944b014b0286944b014b024b038794284b014b024b034b04749474948c0474657874948c09636166c3a920e29895948c066e6573746564947d948c0161945d947d948c0162948c016394736173752e";

    [Theory]
    [InlineData(Protocol2)]
    [InlineData(Protocol4)]
    [InlineData(Protocol5)]
    public void PythonPickle_BecomesPlainValues(string hex)
    {
        var value = Assert.IsType<PickleDict>(Read(Convert.FromHexString(hex)));

        Assert.Equal(["ints", "floats", "none", "bools", "tuples", "text", "nested"], value.Keys);
        var ints = Assert.IsType<List<object?>>(value.Entries[0].Value);
        object[] expectedInts =
        [
            0L, 1L, -1L, 255L, 256L, 65535L, 65536L, (long)int.MinValue, 1L << 31, long.MinValue, long.MaxValue,
            BigInteger.Pow(2, 70), -BigInteger.Pow(2, 70),
        ];
        Assert.Equal(expectedInts, ints);
        var floats = Assert.IsType<List<object?>>(value.Entries[1].Value);
        Assert.Equal([1.5, -0.0, 1e300], floats.Cast<double>());
        Assert.True(double.IsNegative((double)floats[1]!));
        Assert.Null(value.Entries[2].Value);
        Assert.Equal(new PickleTuple([true, false]), value.Entries[3].Value);
        var tuples = Assert.IsType<PickleTuple>(value.Entries[4].Value);
        Assert.Equal([0, 1, 2, 3, 4], tuples.Cast<PickleTuple>().Select(t => t.Count));
        Assert.Equal(new PickleTuple([1L, 2L, 3L, 4L]), tuples[4]);
        Assert.Equal("café ☕", value.Entries[5].Value);
        var nested = Assert.IsType<PickleDict>(value.Entries[6].Value);
        nested.TryGetValue("a", out var list);
        var inner = Assert.IsType<PickleDict>(Assert.Single(Assert.IsType<List<object?>>(list)));
        Assert.True(inner.TryGetValue("b", out var c));
        Assert.Equal("c", c);
    }

    [Fact]
    public void BytesAndByteArray_AreByteArrays()
    {
        // pickle.dumps({'b': b'\x00\x01\xff', 'ba': bytearray(b'ab')}, protocol=5)
        var value = Assert.IsType<PickleDict>(Read(Convert.FromHexString("80059520000000000000007d94288c01629443030001ff948c02626194960200000000000000616294752e")));

        Assert.True(value.TryGetValue("b", out var b));
        Assert.Equal([0, 1, 255], Assert.IsType<byte[]>(b));
        Assert.True(value.TryGetValue("ba", out var ba));
        Assert.Equal("ab"u8.ToArray(), Assert.IsType<byte[]>(ba));
    }

    [Fact]
    public void MemoizedObjects_AreShared()
    {
        // x = ['x']; pickle.dumps([x, x], protocol=2)
        var list = Assert.IsType<List<object?>>(Read(Convert.FromHexString("80025d7100285d71015801000000787102616801652e")));

        Assert.Equal(2, list.Count);
        Assert.Same(list[0], list[1]);
    }

    [Fact]
    public void DictKeys_FollowPythonEquality()
    {
        // {1: 'a', True: 'b', 1.0: 'c', None: 'd', (1, 'x'): 'e'}: Python keeps one key 1 with the last value, first place.
        var dict = Assert.IsType<PickleDict>(Read(Pickle(
            EmptyDict, Mark,
            Int(1), Unicode("a"), [0x88], Unicode("b"), [(byte)'G', 0x3f, 0xf0, 0, 0, 0, 0, 0, 0], Unicode("c"),
            None, Unicode("d"), Int(1), Unicode("x"), Tuple2, Unicode("e"),
            SetItems)));

        Assert.Equal(3, dict.Count);
        Assert.Equal(1L, dict.Entries[0].Key);
        Assert.Equal("c", dict.Entries[0].Value);
        Assert.True(dict.TryGetValue(true, out var one));
        Assert.Equal("c", one);
        Assert.True(dict.TryGetValue(null, out var none));
        Assert.Equal("d", none);
        Assert.True(dict.TryGetValue(new PickleTuple([1.0, "x"]), out var tuple));
        Assert.Equal("e", tuple);
        Assert.False(dict.TryGetValue(new List<object?>(), out _));
    }

    [Fact]
    public void OrderedDict_WithMetadataState_IsAPlainDict()
    {
        // What a state_dict pickles: OrderedDict() with items, then BUILD with {'_metadata': OrderedDict(...)}.
        var dict = Assert.IsType<PickleDict>(Read(Pickle(
            OrderedDict(), Unicode("k"), Int(7), SetItem,
            EmptyDict, Unicode("_metadata"), OrderedDict(), SetItem, Build)));

        Assert.Equal(7L, Assert.Single(dict.Entries).Value);
    }

    [Fact]
    public void OrderedDict_FromAListOfPairs()
    {
        var dict = Assert.IsType<PickleDict>(Read(Pickle(
            Global("collections", "OrderedDict"), EmptyList, Mark, Unicode("a"), Int(1), TupleFromMark, Append, Tuple1, Reduce)));

        Assert.True(dict.TryGetValue("a", out var a));
        Assert.Equal(1L, a);
    }

    [Fact]
    public void AllowedFunctionCall_IsRecordedNotRun()
    {
        var call = Assert.IsType<PickleCall>(Read(Pickle(Global("torch._utils", "_rebuild_parameter"), Int(1), Int(2), Tuple2, Reduce)));

        Assert.Equal("torch._utils._rebuild_parameter", call.Callable.FullName);
        Assert.Equal(new PickleTuple([1L, 2L]), call.Arguments);
    }

    [Fact]
    public void PersistentIds_GoToTheCallback()
    {
        var seen = new List<object?>();
        var reader = new PickleReader(Pickle(Unicode("id"), BinPersId));

        object? value = reader.ReadObject(id =>
        {
            seen.Add(id);
            return "resolved";
        });

        Assert.Equal("resolved", value);
        Assert.Equal(["id"], seen);
    }

    [Fact]
    public void ConsecutivePickles_AreReadOneByOne()
    {
        byte[] first = Pickle(Int(1)), second = Pickle(Unicode("two"));
        var reader = new PickleReader(Concat(first, second));

        Assert.Equal(1L, reader.ReadObject());
        Assert.Equal(first.Length, reader.Position);
        Assert.Equal("two", reader.ReadObject());
        Assert.Equal(first.Length + second.Length, reader.Position);
    }

    [Fact]
    public void TuplesNestedToTheLimit_AreRead()
    {
        byte[] nested = Concat([None, .. Enumerable.Repeat(Tuple1, PickleReader.MaxTupleNesting)]);

        var tuple = Assert.IsType<PickleTuple>(Read(Pickle(nested)));

        Assert.Single(tuple);
    }

    private static object? Read(byte[] pickle) => new PickleReader(pickle).ReadObject();
}

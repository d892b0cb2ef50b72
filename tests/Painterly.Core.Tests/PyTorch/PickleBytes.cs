using System.Buffers.Binary;
using System.Text;

namespace Painterly.Core.Tests.PyTorch;

/// <summary>Assembles pickles opcode by opcode, independently of the reader under test.</summary>
internal static class PickleBytes
{
    public static readonly byte[] Proto2 = [0x80, 2];
    public static readonly byte[] Stop = [(byte)'.'];
    public static readonly byte[] Mark = [(byte)'('];
    public static readonly byte[] None = [(byte)'N'];
    public static readonly byte[] EmptyTuple = [(byte)')'];
    public static readonly byte[] TupleFromMark = [(byte)'t'];
    public static readonly byte[] Tuple1 = [0x85];
    public static readonly byte[] Tuple2 = [0x86];
    public static readonly byte[] EmptyDict = [(byte)'}'];
    public static readonly byte[] EmptyList = [(byte)']'];
    public static readonly byte[] SetItem = [(byte)'s'];
    public static readonly byte[] SetItems = [(byte)'u'];
    public static readonly byte[] Append = [(byte)'a'];
    public static readonly byte[] Reduce = [(byte)'R'];
    public static readonly byte[] Build = [(byte)'b'];
    public static readonly byte[] BinPersId = [(byte)'Q'];
    public static readonly byte[] NewFalse = [0x89];
    public static readonly byte[] StackGlobal = [0x93];

    /// <summary>PROTO 2, the parts, STOP.</summary>
    public static byte[] Pickle(params byte[][] parts) => Concat([Proto2, .. parts, Stop]);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] Unicode(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var op = new byte[5 + utf8.Length];
        op[0] = (byte)'X';
        BinaryPrimitives.WriteInt32LittleEndian(op.AsSpan(1), utf8.Length);
        utf8.CopyTo(op, 5);
        return op;
    }

    public static byte[] ShortUnicode(string text) => [0x8c, (byte)Encoding.UTF8.GetByteCount(text), .. Encoding.UTF8.GetBytes(text)];

    public static byte[] Global(string module, string name) => [(byte)'c', .. Encoding.UTF8.GetBytes($"{module}\n{name}\n")];

    public static byte[] Int(int value)
    {
        var op = new byte[5];
        op[0] = (byte)'J';
        BinaryPrimitives.WriteInt32LittleEndian(op.AsSpan(1), value);
        return op;
    }

    public static byte[] Put(byte index) => [(byte)'q', index];

    public static byte[] Get(byte index) => [(byte)'h', index];

    /// <summary><c>OrderedDict()</c>.</summary>
    public static byte[] OrderedDict() => Concat(Global("collections", "OrderedDict"), EmptyTuple, Reduce);

    /// <summary><c>_rebuild_tensor_v2(('storage', type, key, 'cpu', numel) as a persistent id, offset, size, stride, False, OrderedDict())</c>.</summary>
    public static byte[] Tensor(string key, int numel, int offset, long[] size, long[] stride, string storageType = "FloatStorage") => Concat(
        Global("torch._utils", "_rebuild_tensor_v2"),
        Mark,
        Mark, Unicode("storage"), Global("torch", storageType), Unicode(key), Unicode("cpu"), Int(numel), TupleFromMark, BinPersId,
        Int(offset),
        Ints(size),
        Ints(stride),
        NewFalse,
        OrderedDict(),
        TupleFromMark,
        Reduce);

    public static byte[] Ints(long[] values) => Concat([Mark, .. values.Select(Long), TupleFromMark]);

    /// <summary>BININT when <paramref name="value"/> fits 32 bits, else LONG1 with eight bytes.</summary>
    public static byte[] Long(long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            return Int((int)value);
        }

        var op = new byte[10];
        op[0] = 0x8a;
        op[1] = 8;
        BinaryPrimitives.WriteInt64LittleEndian(op.AsSpan(2), value);
        return op;
    }

    /// <summary>A one-entry state_dict <c>{name: tensor}</c>.</summary>
    public static byte[] StateDict(string name, byte[] tensor) => Pickle(OrderedDict(), Unicode(name), tensor, SetItem);
}

using System.Numerics;

namespace Painterly.Core.PyTorch;

/// <summary>
/// A restricted unpickler for what <c>torch.save</c> writes (protocol 2, and the cheap parts of 3 to 5). It
/// builds plain values and never runs anything from the file:
/// <list type="bullet">
/// <item>None, <see cref="bool"/>, <see cref="long"/> (or <see cref="BigInteger"/> when larger), <see cref="double"/>,
/// <see cref="string"/>, <c>byte[]</c>, <c>List&lt;object?&gt;</c>, <see cref="PickleTuple"/> and <see cref="PickleDict"/>;</item>
/// <item>a <see cref="PickleGlobal"/> for the few globals a state_dict needs (<c>collections.OrderedDict</c>, the
/// <c>torch._utils._rebuild_*</c> functions and the <c>torch.*Storage</c> classes); naming any other global
/// refuses the file;</item>
/// <item>a <see cref="PickleCall"/> for REDUCE on an allowed function: recorded, interpreted later, never executed;</item>
/// <item>whatever the persistent-load callback returns for a persistent id (BINPERSID).</item>
/// </list>
/// Opcodes that instantiate arbitrary classes (INST, OBJ, the copyreg extensions) are refused. Every length is
/// checked against the bytes left and a limit before anything is allocated, the stack and memo are bounded,
/// and reading is a loop, not recursion.
/// </summary>
public sealed class PickleReader
{
    /// <summary>Highest pickle protocol accepted.</summary>
    public const int HighestProtocol = 5;

    /// <summary>Most stack entries (items and marks) at any time.</summary>
    public const int MaxStackItems = 1 << 20;

    /// <summary>Most memo entries in one pickle.</summary>
    public const int MaxMemoEntries = 1 << 20;

    /// <summary>Longest string or bytes value, in bytes.</summary>
    public const int MaxStringBytes = 16 << 20;

    /// <summary>Longest integer (LONG4), in bytes.</summary>
    public const int MaxIntegerBytes = 1024;

    /// <summary>Deepest nesting of tuples in tuples.</summary>
    public const int MaxTupleNesting = 64;

    private readonly PickleInput input;
    private readonly PickleStack stack;
    private readonly StateDictCalls calls;
    private readonly Dictionary<uint, object?> memo = [];
    private Func<object?, object?>? persistentLoad;
    private int opcodeStart;
    private PickleOpcode? opcode;

    /// <summary>Reads pickles from <paramref name="data"/>, starting at its first byte.</summary>
    public PickleReader(ReadOnlyMemory<byte> data)
    {
        input = new PickleInput(data, Fail);
        stack = new PickleStack(MaxStackItems, Fail);
        calls = new StateDictCalls(Fail);
    }

    /// <summary>Offset of the first byte after the last pickle read (where the next one starts).</summary>
    public long Position => input.Position;

    /// <summary>
    /// Reads one pickle, up to and including its STOP opcode, and returns its value. Several pickles written one
    /// after another (as <c>torch.save</c>'s legacy format does) are read by calling this again.
    /// </summary>
    /// <param name="persistentLoad">Resolves a persistent id (the popped value) to the object it stands for; without
    /// it a persistent id is an error.</param>
    /// <exception cref="InvalidDataException">The bytes are not a valid pickle, exceed a limit, or name something a
    /// state_dict never needs. The message is one line.</exception>
    public object? ReadObject(Func<object?, object?>? persistentLoad = null)
    {
        stack.Clear();
        memo.Clear();
        this.persistentLoad = persistentLoad;
        while (true)
        {
            opcodeStart = input.Position;
            opcode = null;
            if (input.Remaining == 0)
            {
                throw Fail("the pickle ends before its STOP opcode (truncated?).");
            }

            opcode = (PickleOpcode)input.ReadByte();
            if (opcode == PickleOpcode.STOP)
            {
                object? result = stack.Pop();
                stack.Clear();
                memo.Clear();
                return result;
            }

            Execute(opcode.Value);
        }
    }

    private void Execute(PickleOpcode op)
    {
        switch (op)
        {
            case PickleOpcode.PROTO:
                byte protocol = input.ReadByte();
                if (protocol > HighestProtocol)
                {
                    throw Fail($"protocol {protocol} is newer than {HighestProtocol}, the highest this reader knows.");
                }

                break;
            case PickleOpcode.FRAME:
                // Frames only group bytes for buffered reading; the data is in memory, so check the length and go on.
                ulong frame = input.ReadUInt64();
                if (frame > (ulong)input.Remaining)
                {
                    throw Fail($"a frame of {frame} bytes is longer than the {input.Remaining} bytes left (truncated or corrupt).");
                }

                break;
            case PickleOpcode.MARK:
                stack.Mark();
                break;
            case PickleOpcode.POP:
                stack.PopItemOrMark();
                break;
            case PickleOpcode.POP_MARK:
                stack.PopToMark();
                break;
            case PickleOpcode.DUP:
                stack.Push(stack.Peek());
                break;
            case PickleOpcode.NONE:
                stack.Push(null);
                break;
            case PickleOpcode.NEWTRUE:
                stack.Push(true);
                break;
            case PickleOpcode.NEWFALSE:
                stack.Push(false);
                break;
            case PickleOpcode.BININT:
                stack.Push((long)input.ReadInt32());
                break;
            case PickleOpcode.BININT1:
                stack.Push((long)input.ReadByte());
                break;
            case PickleOpcode.BININT2:
                stack.Push((long)input.ReadUInt16());
                break;
            case PickleOpcode.LONG1:
                stack.Push(input.ReadInteger(input.ReadByte()));
                break;
            case PickleOpcode.LONG4:
                stack.Push(input.ReadInteger(input.ReadInt32()));
                break;
            case PickleOpcode.BINFLOAT:
                stack.Push(input.ReadDoubleBigEndian());
                break;
            case PickleOpcode.SHORT_BINUNICODE or PickleOpcode.SHORT_BINSTRING:
                stack.Push(input.ReadText(input.ReadByte()));
                break;
            case PickleOpcode.BINUNICODE:
                stack.Push(input.ReadText(input.ReadUInt32()));
                break;
            case PickleOpcode.BINSTRING:
                stack.Push(input.ReadText(input.ReadSignedLength()));
                break;
            case PickleOpcode.BINUNICODE8:
                stack.Push(input.ReadText(input.ReadUInt64()));
                break;
            case PickleOpcode.SHORT_BINBYTES:
                stack.Push(input.ReadBytes(input.ReadByte()));
                break;
            case PickleOpcode.BINBYTES:
                stack.Push(input.ReadBytes(input.ReadUInt32()));
                break;
            case PickleOpcode.BINBYTES8 or PickleOpcode.BYTEARRAY8:
                stack.Push(input.ReadBytes(input.ReadUInt64()));
                break;
            case PickleOpcode.EMPTY_TUPLE:
                stack.Push(PickleTuple.Empty);
                break;
            case PickleOpcode.TUPLE:
                stack.Push(NewTuple([.. stack.PopToMark()]));
                break;
            case PickleOpcode.TUPLE1 or PickleOpcode.TUPLE2 or PickleOpcode.TUPLE3:
                var items = new object?[op - PickleOpcode.TUPLE1 + 1];
                for (int i = items.Length - 1; i >= 0; i--)
                {
                    items[i] = stack.Pop();
                }

                stack.Push(NewTuple(items));
                break;
            case PickleOpcode.EMPTY_LIST:
                stack.Push(new List<object?>());
                break;
            case PickleOpcode.LIST:
                stack.Push(stack.PopToMark());
                break;
            case PickleOpcode.APPEND:
                object? item = stack.Pop();
                Target<List<object?>>("append to").Add(item);
                break;
            case PickleOpcode.APPENDS:
                var appended = stack.PopToMark();
                Target<List<object?>>("append to").AddRange(appended);
                break;
            case PickleOpcode.EMPTY_DICT:
                stack.Push(new PickleDict());
                break;
            case PickleOpcode.DICT:
                var dict = new PickleDict();
                SetItems(dict, stack.PopToMark());
                stack.Push(dict);
                break;
            case PickleOpcode.SETITEM:
                object? value = stack.Pop();
                object? key = stack.Pop();
                SetItem(Target<PickleDict>("set an item of"), key, value);
                break;
            case PickleOpcode.SETITEMS:
                var pairs = stack.PopToMark();
                SetItems(Target<PickleDict>("set items of"), pairs);
                break;
            case PickleOpcode.BINPUT:
                Remember(input.ReadByte());
                break;
            case PickleOpcode.LONG_BINPUT:
                Remember(input.ReadUInt32());
                break;
            case PickleOpcode.MEMOIZE:
                Remember((uint)memo.Count);
                break;
            case PickleOpcode.BINGET:
                stack.Push(Recall(input.ReadByte()));
                break;
            case PickleOpcode.LONG_BINGET:
                stack.Push(Recall(input.ReadUInt32()));
                break;
            case PickleOpcode.GLOBAL:
                string module = input.ReadGlobalName();
                string name = input.ReadGlobalName();
                stack.Push(StateDictGlobals.Resolve(module, name));
                break;
            case PickleOpcode.STACK_GLOBAL:
                object? globalName = stack.Pop();
                object? globalModule = stack.Pop();
                if (globalModule is not string m || globalName is not string n)
                {
                    throw Fail($"STACK_GLOBAL needs two strings, got {PickleDisplay.TypeName(globalModule)} and {PickleDisplay.TypeName(globalName)}.");
                }

                stack.Push(StateDictGlobals.Resolve(m, n));
                break;
            case PickleOpcode.REDUCE:
                object? arguments = stack.Pop();
                stack.Push(calls.Call(stack.Pop(), arguments));
                break;
            case PickleOpcode.NEWOBJ:
                object? newArguments = stack.Pop();
                stack.Push(calls.Construct(stack.Pop(), newArguments, keywords: null));
                break;
            case PickleOpcode.NEWOBJ_EX:
                object? keywords = stack.Pop();
                object? exArguments = stack.Pop();
                stack.Push(calls.Construct(stack.Pop(), exArguments, keywords));
                break;
            case PickleOpcode.BUILD:
                object? state = stack.Pop();
                calls.Build(stack.Peek(), state);
                break;
            case PickleOpcode.BINPERSID:
                object? id = stack.Pop();
                stack.Push(persistentLoad is not null
                    ? persistentLoad(id)
                    : throw Fail("a persistent id (an object stored outside the pickle) appears, but nothing resolves them here."));
                break;
            case PickleOpcode.INST or PickleOpcode.OBJ:
                throw Fail("refusing to instantiate a class: a state_dict never needs INST or OBJ; nothing was executed.");
            case PickleOpcode.EXT1 or PickleOpcode.EXT2 or PickleOpcode.EXT4:
                throw Fail("refusing a global named through the copyreg extension registry, which a state_dict never needs; nothing was executed.");
            default:
                throw Fail(Enum.IsDefined(op)
                    ? $"opcode {op} is not supported: torch.save never writes it."
                    : $"unknown opcode 0x{(byte)op:x2}.");
        }
    }

    private PickleTuple NewTuple(object?[] items)
    {
        var tuple = PickleTuple.Own(items);
        return tuple.Depth <= MaxTupleNesting ? tuple : throw Fail($"tuples nest deeper than {MaxTupleNesting} levels.");
    }

    // APPEND, SETITEM and friends modify the container below the popped values, which must be of the right kind.
    private T Target<T>(string action)
        where T : class =>
        stack.Peek() as T ?? throw Fail($"cannot {action} a {PickleDisplay.TypeName(stack.Peek())}.");

    private void SetItems(PickleDict dict, List<object?> pairs)
    {
        if (pairs.Count % 2 != 0)
        {
            throw Fail($"{pairs.Count} values between MARK and the dict opcode do not form key-value pairs.");
        }

        for (int i = 0; i < pairs.Count; i += 2)
        {
            SetItem(dict, pairs[i], pairs[i + 1]);
        }
    }

    private void SetItem(PickleDict dict, object? key, object? value)
    {
        if (!dict.TrySet(key, value))
        {
            throw Fail($"a {PickleDisplay.TypeName(key)} cannot be a dict key (unhashable).");
        }
    }

    private void Remember(uint index)
    {
        if (memo.Count >= MaxMemoEntries && !memo.ContainsKey(index))
        {
            throw Fail($"the memo grows past {MaxMemoEntries} entries.");
        }

        memo[index] = stack.Peek();
    }

    private object? Recall(uint index) =>
        memo.TryGetValue(index, out var value) ? value : throw Fail($"memo index {index} was never stored.");

    private InvalidDataException Fail(string problem) =>
        new(opcode is { } op
            ? $"invalid pickle at byte {opcodeStart} ({(Enum.IsDefined(op) ? op.ToString() : $"0x{(byte)op:x2}")}): {problem}"
            : $"invalid pickle at byte {opcodeStart}: {problem}");
}

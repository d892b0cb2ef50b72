using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Painterly.Core.PyTorch;

/// <summary>
/// A cursor over pickle bytes held in memory, decoding the values stored inline (integers, strings, bytes,
/// global names). Every read checks the bytes left and the size limits first, so a length read from the file can
/// never make the reader allocate much or read past the end.
/// </summary>
internal sealed class PickleInput
{
    // GLOBAL's module and name lines; Python identifiers in a state_dict are far shorter.
    private const int MaxLineBytes = 512;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> data;
    private readonly Func<string, InvalidDataException> fail;

    /// <summary>Reads <paramref name="data"/>; <paramref name="fail"/> builds the error for a problem.</summary>
    public PickleInput(ReadOnlyMemory<byte> data, Func<string, InvalidDataException> fail)
    {
        this.data = data;
        this.fail = fail;
    }

    /// <summary>Offset of the next byte.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes not read yet.</summary>
    public int Remaining => data.Length - Position;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1, "a one-byte argument")[0];

    /// <summary>Reads a little-endian unsigned 16-bit integer.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "a two-byte argument"));

    /// <summary>Reads a little-endian signed 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4, "a four-byte argument"));

    /// <summary>Reads a little-endian unsigned 32-bit integer.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "a four-byte argument"));

    /// <summary>Reads a little-endian unsigned 64-bit integer.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "an eight-byte argument"));

    /// <summary>Reads a big-endian IEEE double (BINFLOAT's byte order).</summary>
    public double ReadDoubleBigEndian() => BinaryPrimitives.ReadDoubleBigEndian(Take(8, "an eight-byte float"));

    /// <summary>Reads <paramref name="count"/> bytes, refusing before anything else when fewer are left.</summary>
    public ReadOnlySpan<byte> Take(ulong count, string what)
    {
        if (count > (ulong)Remaining)
        {
            throw fail($"{what} needs {count} bytes, but only {Remaining} are left (truncated or corrupt).");
        }

        var span = data.Span.Slice(Position, (int)count);
        Position += (int)count;
        return span;
    }

    // Reads up to the next newline (not included), which must come within maxLength bytes.
    private ReadOnlySpan<byte> ReadLine(int maxLength)
    {
        var rest = data.Span[Position..];
        int end = rest[..Math.Min(rest.Length, maxLength + 1)].IndexOf((byte)'\n');
        if (end < 0)
        {
            throw fail(rest.Length <= maxLength
                ? "a text argument is not ended by a newline (truncated or corrupt)."
                : $"a text argument is longer than {maxLength} bytes.");
        }

        Position += end + 1;
        return rest[..end];
    }

    /// <summary>Reads a little-endian two's complement integer of <paramref name="byteCount"/> bytes (LONG1, LONG4).</summary>
    /// <returns>A <see cref="long"/> when it fits, else a <see cref="BigInteger"/>.</returns>
    public object ReadInteger(int byteCount)
    {
        if (byteCount < 0 || byteCount > PickleReader.MaxIntegerBytes)
        {
            throw fail($"an integer of {byteCount} bytes is outside 0..{PickleReader.MaxIntegerBytes}.");
        }

        var bytes = Take((ulong)byteCount, $"an integer of {byteCount} bytes");
        if (bytes.Length <= sizeof(long))
        {
            // Sign-extended from the top byte read.
            long value = bytes.Length > 0 && (sbyte)bytes[^1] < 0 ? -1L : 0L;
            for (int i = bytes.Length - 1; i >= 0; i--)
            {
                value = (value << 8) | bytes[i];
            }

            return value;
        }

        var big = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return big >= long.MinValue && big <= long.MaxValue ? (long)big : big;
    }

    /// <summary>Reads BINSTRING's signed four-byte length, which must not be negative.</summary>
    public ulong ReadSignedLength()
    {
        int length = ReadInt32();
        return length >= 0 ? (ulong)length : throw fail($"a string claims a negative length ({length}).");
    }

    /// <summary>Reads a UTF-8 string of <paramref name="length"/> bytes (torch.load decodes Python 2 strings as UTF-8 too).</summary>
    public string ReadText(ulong length)
    {
        CheckStringLength(length);
        var bytes = Take(length, $"a string of {length} bytes");
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw fail("a string is not valid UTF-8.");
        }
    }

    /// <summary>Reads a bytes value of <paramref name="length"/> bytes.</summary>
    public byte[] ReadBytes(ulong length)
    {
        CheckStringLength(length);
        return Take(length, $"a bytes value of {length} bytes").ToArray();
    }

    /// <summary>Reads GLOBAL's module or name: a UTF-8 line.</summary>
    public string ReadGlobalName()
    {
        try
        {
            return StrictUtf8.GetString(ReadLine(MaxLineBytes));
        }
        catch (DecoderFallbackException)
        {
            throw fail("a global's name is not valid UTF-8.");
        }
    }

    private void CheckStringLength(ulong length)
    {
        if (length > PickleReader.MaxStringBytes)
        {
            throw fail($"a string or bytes value of {length} bytes exceeds the {PickleReader.MaxStringBytes}-byte limit.");
        }
    }
}

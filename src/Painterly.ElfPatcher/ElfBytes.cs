using System.Buffers.Binary;

namespace Painterly.ElfPatcher;

/// <summary>
/// Little-endian reads over a file image where every read is bounds-checked,
/// so a lying offset becomes an <see cref="ElfFormatException"/> instead of an out-of-range read.
/// </summary>
internal readonly struct ElfBytes
{
    private readonly byte[] _image;

    public ElfBytes(byte[] image)
    {
        _image = image;
    }

    public long Length => _image.Length;

    public ushort U16(long offset, string what) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(offset, 2, what));

    public uint U32(long offset, string what) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(offset, 4, what));

    public ulong U64(long offset, string what) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(offset, 8, what));

    /// <summary>The bytes [offset, offset + count), or an exception naming <paramref name="what"/> if they are not all in the file.</summary>
    public ReadOnlySpan<byte> Slice(long offset, long count, string what)
    {
        if (!Fits(offset, count, 0, Length))
        {
            throw new ElfFormatException($"{what} (offset {offset}, {count} bytes) lies outside the file ({Length} bytes).");
        }

        return _image.AsSpan((int)offset, (int)count);
    }

    /// <summary>Whether [offset, offset + count) lies inside [start, end), without overflow for any inputs.</summary>
    public static bool Fits(long offset, long count, long start, long end) =>
        offset >= start && count >= 0 && offset <= end && count <= end - offset;
}

using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Painterly.Core.Models;

/// <summary>
/// An opened safetensors file: its validated header, and on-demand reads of single tensors.
/// The header is checked completely on open (see <see cref="SafetensorsHeader"/>), so a tensor read
/// allocates exactly the tensor's validated size and never reads outside the file.
/// </summary>
/// <remarks>Reads are serialised on the underlying stream, so one instance may be shared across threads.</remarks>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>Largest header accepted (100 MB, as in the reference implementation).</summary>
    public const long MaxHeaderLength = SafetensorsHeader.MaxLength;

    /// <summary>Largest tensor rank accepted.</summary>
    public const int MaxRank = SafetensorsHeader.MaxRank;

    private const int PrefixLength = 8;
    private const int ChunkBytes = 1 << 16;

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly long start;
    private readonly Dictionary<string, SafetensorsTensorInfo> byName;
    private readonly Lock gate = new();

    private SafetensorsFile(Stream stream, bool leaveOpen, string sourceName)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        SourceName = sourceName;
        start = stream.Position;
        long length = stream.Length - start;
        if (length < PrefixLength)
        {
            throw SafetensorsHeader.Invalid(sourceName, $"file is {length} bytes, too short for the 8-byte header length.");
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        ReadAt(0, prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);

        // Both limits are checked before the header buffer is allocated: the prefix is attacker-controlled.
        if (headerLength > MaxHeaderLength)
        {
            throw SafetensorsHeader.Invalid(sourceName, $"header length {headerLength} exceeds the {MaxHeaderLength}-byte limit.");
        }

        if ((long)headerLength > length - PrefixLength)
        {
            throw SafetensorsHeader.Invalid(sourceName, $"header length {headerLength} exceeds the {length - PrefixLength} bytes after the length prefix (file truncated?).");
        }

        var json = new byte[headerLength];
        ReadAt(PrefixLength, json);
        DataStart = PrefixLength + (long)headerLength;
        var header = SafetensorsHeader.Parse(json, length - DataStart, sourceName);
        Metadata = header.Metadata;
        Tensors = header.Tensors;
        byName = Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file name (or the name given for a stream), used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>The <c>__metadata__</c> entries, in header order (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor, in the order of its bytes in the file.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>Offset of the data region from the start of the file (8 + header length).</summary>
    public long DataStart { get; }

    /// <summary>Opens and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    public static SafetensorsFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
        return OpenOwned(file, path);
    }

    /// <summary>
    /// Reads a safetensors file from <paramref name="stream"/>, starting at its current position. A stream that
    /// cannot seek is first copied into memory.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile Open(Stream stream, string sourceName = "<stream>", bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (stream.CanSeek)
        {
            return leaveOpen ? new SafetensorsFile(stream, leaveOpen: true, sourceName) : OpenOwned(stream, sourceName);
        }

        var copy = new MemoryStream();
        stream.CopyTo(copy);
        if (!leaveOpen)
        {
            stream.Dispose();
        }

        copy.Position = 0;
        return OpenOwned(copy, sourceName);
    }

    /// <summary>Reads a safetensors file held in memory.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file.</exception>
    public static SafetensorsFile Open(byte[] bytes, string sourceName = "<memory>")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return OpenOwned(new MemoryStream(bytes, writable: false), sourceName);
    }

    /// <summary>Finds the tensor called <paramref name="name"/>.</summary>
    public bool TryGetTensor(string name, [MaybeNullWhen(false)] out SafetensorsTensorInfo info) =>
        byName.TryGetValue(name, out info);

    /// <summary>Reads tensor <paramref name="name"/>, converting F16, BF16, F64, I64 and I32 to float32.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such tensor.</exception>
    /// <exception cref="InvalidDataException">The tensor's dtype cannot be read as float, or it is too large for one array.</exception>
    public FloatTensor ReadFloat32(string name)
    {
        if (!TryGetTensor(name, out var info))
        {
            throw new KeyNotFoundException($"Safetensors file '{SourceName}' has no tensor '{name}'.");
        }

        if (!SafetensorsDecoder.CanDecode(info.DType))
        {
            throw SafetensorsHeader.Invalid(SourceName, $"tensor '{name}' has dtype {info.DType.ToHeaderName()}; only F32, F16, BF16, F64, I64 and I32 can be read as float32.");
        }

        long count = info.ElementCount;
        if (count > Array.MaxLength)
        {
            throw SafetensorsHeader.Invalid(SourceName, $"tensor '{name}' has {count} elements, more than one array can hold.");
        }

        var values = new float[count];
        long offset = DataStart + info.DataOffset;
        if (info.DType == SafetensorsDType.F32 && BitConverter.IsLittleEndian)
        {
            // Same layout in memory and on disk: read straight into the result, keeping every bit (NaN payloads too).
            ReadAt(offset, MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            ReadConverted(info.DType, offset, values);
        }

        return new FloatTensor([.. info.Shape], values);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private static SafetensorsFile OpenOwned(Stream stream, string sourceName)
    {
        try
        {
            return new SafetensorsFile(stream, leaveOpen: false, sourceName);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private void ReadConverted(SafetensorsDType dtype, long offset, float[] values)
    {
        int size = SafetensorsDecoder.ElementSize(dtype);
        int perChunk = ChunkBytes / size;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (int done = 0; done < values.Length; done += perChunk)
            {
                int n = Math.Min(perChunk, values.Length - done);
                var bytes = buffer.AsSpan(0, n * size);
                ReadAt(offset + ((long)done * size), bytes);
                SafetensorsDecoder.Decode(dtype, bytes, values.AsSpan(done, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ReadAt(long offset, Span<byte> destination)
    {
        lock (gate)
        {
            stream.Position = start + offset;
            try
            {
                stream.ReadExactly(destination);
            }
            catch (EndOfStreamException e)
            {
                throw SafetensorsHeader.Invalid(SourceName, "file ended early (truncated or changed while open).", e);
            }
        }
    }
}

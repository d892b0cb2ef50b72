using Painterly.Core.Models;

namespace Painterly.Core.PyTorch;

/// <summary>
/// One storage of a checkpoint: a flat array of elements that tensors view with an offset, shape and strides.
/// The pickle only describes it (key, element type, element count); its bytes come from elsewhere in the file
/// and are attached by <see cref="Load"/> once their length is checked.
/// </summary>
internal sealed class TorchStorage
{
    private readonly TorchStorage? root;
    private readonly long rootOffset;
    private ReadOnlyMemory<byte> bytes;
    private bool loaded;

    /// <summary>A storage of <paramref name="elementCount"/> elements of <paramref name="dtype"/>.</summary>
    public TorchStorage(string key, SafetensorsDType dtype, long elementCount)
    {
        Key = key;
        DType = dtype;
        ElementCount = elementCount;
    }

    private TorchStorage(string key, TorchStorage root, long elementOffset, long elementCount)
        : this(key, root.DType, elementCount)
    {
        this.root = root;
        rootOffset = elementOffset;
    }

    /// <summary>The storage's name in the file (a zip entry name, or a legacy storage key).</summary>
    public string Key { get; }

    /// <summary>Element type.</summary>
    public SafetensorsDType DType { get; }

    /// <summary>Number of elements.</summary>
    public long ElementCount { get; }

    /// <summary>Bytes per element.</summary>
    public int ElementSize => SafetensorsDecoder.ElementSize(DType);

    /// <summary>Bytes of all elements; callers bound <see cref="ElementCount"/> so this cannot overflow.</summary>
    public long ByteLength => ElementCount * ElementSize;

    /// <summary>The storage whose bytes are in the file: this one, or the one this is a view of (old legacy files).</summary>
    public TorchStorage Root => root ?? this;

    /// <summary>Whether the bytes are attached.</summary>
    public bool IsLoaded => root?.IsLoaded ?? loaded;

    /// <summary>The elements' bytes, little-endian.</summary>
    /// <exception cref="InvalidOperationException">Not loaded yet.</exception>
    public ReadOnlySpan<byte> Bytes
    {
        get
        {
            if (!IsLoaded)
            {
                throw new InvalidOperationException($"Storage '{Key}' is not loaded.");
            }

            return root is null
                ? bytes.Span
                : root.Bytes.Slice((int)(rootOffset * ElementSize), (int)ByteLength);
        }
    }

    /// <summary>A view of <paramref name="count"/> elements of <paramref name="rootStorage"/> from <paramref name="offset"/>;
    /// the caller has checked that they lie within it.</summary>
    public static TorchStorage ViewOf(string key, TorchStorage rootStorage, long offset, long count) => new(key, rootStorage, offset, count);

    /// <summary>Attaches the bytes of a root storage.</summary>
    /// <exception cref="InvalidDataException">Their length does not match the element count, or they are attached twice.</exception>
    public void Load(ReadOnlyMemory<byte> data)
    {
        if (root is not null || loaded)
        {
            throw new InvalidDataException($"storage '{PickleDisplay.Text(Key)}' is written twice.");
        }

        if (data.Length != ByteLength)
        {
            throw new InvalidDataException(
                $"storage '{PickleDisplay.Text(Key)}' has {data.Length} bytes, but its {ElementCount} {DType.ToHeaderName()} elements need {ByteLength} (truncated or corrupt).");
        }

        bytes = data;
        loaded = true;
    }
}
